// A folder in the system's temp space for one bench subject's project, removed when the process exits
// (subjects end with process.exit, which runs exit handlers): a run of the bench leaves nothing behind.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export function scratchDir(prefix) {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	process.once('exit', () => rmSync(dir, {recursive: true, force: true}));
	return dir;
}
