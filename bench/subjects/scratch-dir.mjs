// A folder in the system's temp space for one bench subject's project, removed when the process exits
// (subjects end with process.exit, which runs exit handlers): a run of the bench leaves nothing behind.
// One exit handler removes them all: the bench makes dozens in one process.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const dirs = new Set();

export function scratchDir(prefix) {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	if (dirs.size === 0) {
		process.once('exit', () => {
			for (const made of dirs) {
				rmSync(made, {recursive: true, force: true});
			}
		});
	}

	dirs.add(dir);
	return dir;
}
