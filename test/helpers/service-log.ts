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
