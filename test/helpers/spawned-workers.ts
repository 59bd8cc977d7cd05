/**
 * `sage-console worker` processes (the built binary) a test starts on its own, to see how they start,
 * stop and exit (WorkerProcesses waits for each to take runs); each killed after the test file.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {binary} from './run-cli.js';

export type SpawnedWorker = {
	child: ChildProcess;
	/** Its stdout and stderr so far, as they came. */
	output(): string;
	/** Its exit code once it exited (null: ended by a signal), undefined while it runs. */
	code(): number | null | undefined;
	ended: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
};

export class SpawnedWorkers {
	private readonly started: ChildProcess[] = [];

	/** A worker on `root` (Redis from its jobs.yaml) taking runs from the `default` queue (or as `args` say), with `env` as its whole environment. */
	start(root: string, env: NodeJS.ProcessEnv = process.env, args: string[] = ['--queues', 'default']): SpawnedWorker {
		const child = spawn(binary, ['worker', '--root', root, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
		this.started.push(child);
		let output = '';
		for (const stream of [child.stdout, child.stderr]) {
			stream.setEncoding('utf8').on('data', (chunk: string) => {
				output += chunk;
			});
		}

		let code: number | null | undefined;
		const ended = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
			child.once('exit', (exitCode, signal) => {
				code = exitCode;
				resolve({code: exitCode, signal});
			});
		});
		return {child, output: () => output, code: () => code, ended};
	}

	killAll(): void {
		for (const child of this.started.splice(0)) {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGKILL');
			}
		}
	}
}
