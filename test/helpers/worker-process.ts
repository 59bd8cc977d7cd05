/** Real `sage-console worker` processes (the built binary) for a test file, killed after it. */
import {spawn, type ChildProcess} from 'node:child_process';
import {binary} from './run-cli.js';
import {waitFor} from './wait-for.js';

export type WorkerProcess = {
	child: ChildProcess;
	pid: number;
	/** `host:pid`, as it names itself in history and heartbeats. */
	name: string;
	output(): string;
	exited: Promise<number | null>;
};

export class WorkerProcesses {
	private readonly started: WorkerProcess[] = [];

	/**
	 * Starts a worker on `root` and waits until it takes runs; `env` adds to this process's environment,
	 * `wrapper` runs it (`['unshare', …]`: then `pid` is the wrapper's, and killing it must end the worker).
	 */
	async start(root: string, redisUrl: string, args: string[] = [], env?: Record<string, string>, wrapper: string[] = []): Promise<WorkerProcess> {
		const [command, ...before] = [...wrapper, binary];
		const child = spawn(command!, [...before, 'worker', '--root', root, '--redis', redisUrl, ...args], {env: env && {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
			output += chunk;
		});
		child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
			output += chunk;
		});
		const exited = new Promise<number | null>(resolve => {
			child.once('exit', code => resolve(code));
		});
		const nameOf = /"worker":"([^"]+)"/;
		const name = await waitFor(() => nameOf.exec(output)?.[1], 30_000, `worker ${child.pid} to take runs (output so far: ${output})`);
		const worker = {child, pid: child.pid!, name, output: () => output, exited};
		this.started.push(worker);
		return worker;
	}

	async killAll(): Promise<void> {
		await Promise.all(this.started.splice(0).map(async worker => {
			if (worker.child.exitCode === null && worker.child.signalCode === null) {
				worker.child.kill('SIGKILL');
				await worker.exited;
			}
		}));
	}
}
