/**
 * The scheduler's socket beside the database (`data/sage.sock`) is 0600 from the moment it is at its
 * path. Bound there and narrowed after, it had the umask's mode for a moment: under `umask 000` (a
 * systemd UMask=, a container) anyone on the box who reached `data/` could connect then. Seen with
 * strace on a real `--headless` scheduler: the socket is bound in a fresh 0700 folder named after it
 * (`data/.sage.sock-` and six letters or digits) and renamed into place, never bound at its path; the
 * folder is gone, and the socket file too once the scheduler stops.
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot, scratchDir, type TempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

const strace = spawnSync('strace', ['-f', '-o', '/dev/null', 'true']).status === 0;
const built = existsSync(path.join(path.dirname(binary), '../dist/cli/main.js'));

let root: TempRoot | undefined;
let traced: number | undefined;
afterEach(() => {
	if (traced !== undefined) {
		try {
			process.kill(traced, 'SIGKILL');
		} catch {
			// Ended already.
		}
	}

	root?.remove();
	root = undefined;
	traced = undefined;
});

it.runIf(strace && built)('under umask 000 the socket is never bound at data/sage.sock: made 0600 in a private folder and renamed there', async () => {
	root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: yearly, cron: "0 0 1 1 *", command: ["true"]}\n'});
	const trace = path.join(scratchDir('sage-strace-'), 'trace.txt');
	const socketPath = path.join(root.dir, 'data', 'sage.sock');
	const child = spawn('sh', ['-c', 'umask 000; exec strace -f -qq -o "$0" -e trace=bind,rename,renameat,renameat2 "$@"', trace, binary, '--headless', '--root', root.dir], {stdio: ['ignore', 'pipe', 'pipe']});
	const exited = new Promise(resolve => {
		child.on('exit', resolve);
	});
	let stdout = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	await waitFor(() => stdout.includes('ready: clients attach on '), 40_000, 'the scheduler to start and listen');
	// The traced scheduler: the first process strace names.
	traced = Number(/^(\d+) /.exec(readFileSync(trace, 'utf8'))![1]);

	expect(statSync(socketPath).mode & 0o777).toBe(0o600);
	expect(readdirSync(path.join(root.dir, 'data')).filter(name => name.startsWith('.'))).toEqual([]);
	const calls = readFileSync(trace, 'utf8').split('\n').filter(line => line.includes(path.join(root!.dir, 'data')));
	expect(calls.filter(line => /\bbind\(/.test(line) && line.includes(`"${socketPath}"`)), calls.join('\n')).toEqual([]);
	const bound = calls.find(line => /\bbind\(/.test(line));
	expect(bound, calls.join('\n')).toMatch(new RegExp(`sun_path="${path.join(root.dir, 'data')}/\\.sage\\.sock-[A-Za-z0-9]{6}/s"`));
	expect(calls.some(line => /\brename(at2?)?\(/.test(line) && line.includes(`"${socketPath}"`)), calls.join('\n')).toBe(true);

	process.kill(traced, 'SIGTERM');
	await exited;
	expect(existsSync(socketPath)).toBe(false);
}, 90_000);
