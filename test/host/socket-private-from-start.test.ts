/**
 * The scheduler's socket beside the database (`data/sage.sock`) is 0600 from the moment it is at its
 * path. Bound there and narrowed after, it had the umask's mode for a moment: under `umask 000` (a
 * systemd UMask=, a container) anyone on the box who reached `data/` could connect then. Seen with
 * strace on a real `--headless` scheduler: the socket is bound in a fresh 0700 folder named after it
 * (`data/.sage.sock-` and six letters or digits) and renamed into place, never bound at its path; the
 * folder is gone, and the socket file too once the scheduler stops.
 */
import {existsSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {canTrace, tracedHeadless} from '../helpers/traced-headless.js';

const startTraced = tracedHeadless();

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

it.runIf(canTrace)('under umask 000 the socket is never bound at data/sage.sock: made 0600 in a private folder and renamed there', async () => {
	root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: yearly, cron: "0 0 1 1 *", command: ["true"]}\n'});
	const socketPath = path.join(root.dir, 'data', 'sage.sock');
	const scheduler = await startTraced(root.dir, 'bind,rename,renameat,renameat2');

	expect(statSync(socketPath).mode & 0o777).toBe(0o600);
	// The socket's private folder is gone (other files of data/ come and go: the last-good copy of jobs.yaml is written through a temporary file).
	expect(readdirSync(path.join(root.dir, 'data')).filter(name => name.startsWith('.sage.sock'))).toEqual([]);
	const calls = scheduler.calls().filter(line => line.includes(path.join(root!.dir, 'data')));
	expect(calls.filter(line => /\bbind\(/.test(line) && line.includes(`"${socketPath}"`)), calls.join('\n')).toEqual([]);
	const bound = calls.find(line => /\bbind\(/.test(line));
	expect(bound, calls.join('\n')).toMatch(new RegExp(`sun_path="${path.join(root.dir, 'data')}/\\.sage\\.sock-[A-Za-z0-9]{6}/s"`));
	expect(calls.some(line => /\brename(at2?)?\(/.test(line) && line.includes(`"${socketPath}"`)), calls.join('\n')).toBe(true);

	await scheduler.stop();
	expect(existsSync(socketPath)).toBe(false);
}, 90_000);
