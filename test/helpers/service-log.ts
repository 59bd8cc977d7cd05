import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {waitFor} from './wait-for.js';

/** Where a root's service `id` writes its output: logs/services/<id>.log. */
export function serviceLogPath(root: string, id: string): string {
	return path.join(root, 'logs/services', `${id}.log`);
}

/** Waits until the service's output file holds `text` (it may not exist yet); `what` names it in a timeout. */
export async function serviceLogShows(root: string, id: string, text: string, what: string, timeoutMs = 20_000): Promise<void> {
	const log = serviceLogPath(root, id);
	await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes(text), timeoutMs, what);
}

/**
 * Waits until a rotation of `log` is over: its copy `.1` holds `lastLine` and the live file no longer
 * does (emptied). Rotation is copy-then-truncate, and a line the service writes between the two is
 * lost (src/supervisor/service-logs.ts): a test that lets the service write on once the copy is there
 * could lose its line on a loaded box, and wait for it for ever.
 */
export async function rotationDone(log: string, lastLine: string, timeoutMs = 20_000): Promise<void> {
	await waitFor(() => existsSync(`${log}.1`) && readFileSync(`${log}.1`, 'utf8').includes(lastLine) && !readFileSync(log, 'utf8').includes(lastLine), timeoutMs, `the rotation of ${path.basename(log)} (its copy holding "${lastLine}", the file emptied)`);
}
