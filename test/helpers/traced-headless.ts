/**
 * A real `--headless` scheduler under `umask 000`, its system calls traced by strace (the socket tests:
 * where the socket is bound, how it is renamed). Call `tracedHeadless()` at a test file's top level: the
 * scheduler a test started is killed after it if the test did not stop it.
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach} from 'vitest';
import {binary} from './run-cli.js';
import {scratchDir} from './temp-root.js';
import {waitFor} from './wait-for.js';

/** Whether strace runs here and the built CLI exists: the traced tests run only then. */
export const canTrace = spawnSync('strace', ['-f', '-o', '/dev/null', 'true']).status === 0
	&& existsSync(path.join(path.dirname(binary), '../dist/cli/main.js'));

export type TracedScheduler = {
	/** The scheduler's pid: the first process strace names. */
	pid: number;
	/** What it printed so far. */
	stdout(): string;
	/** The trace's lines so far. */
	calls(): string[];
	/** SIGTERM, then its exit. */
	stop(): Promise<void>;
};

export function tracedHeadless(): (rootDir: string, syscalls: string) => Promise<TracedScheduler> {
	let traced: number | undefined;
	afterEach(() => {
		if (traced !== undefined) {
			try {
				process.kill(traced, 'SIGKILL');
			} catch {
				// Ended already.
			}
		}

		traced = undefined;
	});

	return async (rootDir, syscalls) => {
		const trace = path.join(scratchDir('sage-strace-'), 'trace.txt');
		const child = spawn('sh', ['-c', `umask 000; exec strace -f -qq -o "$0" -e trace=${syscalls} "$@"`, trace, binary, '--headless', '--root', rootDir], {stdio: ['ignore', 'pipe', 'pipe']});
		const exited = new Promise(resolve => {
			child.on('exit', resolve);
		});
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		await waitFor(() => stdout.includes('ready: clients attach on '), 40_000, 'the scheduler to start and listen');
		const pid = Number(/^(\d+) /.exec(readFileSync(trace, 'utf8'))![1]);
		traced = pid;
		return {
			pid,
			stdout: () => stdout,
			calls: () => readFileSync(trace, 'utf8').split('\n'),
			async stop() {
				process.kill(pid, 'SIGTERM');
				await exited;
			},
		};
	};
}
