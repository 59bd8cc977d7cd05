import {spawn, spawnSync} from 'node:child_process';
import {afterEach, expect} from 'vitest';
import {makeTempRoot, type TempRoot} from './temp-root.js';
import {waitFor} from './wait-for.js';
import {fileURLToPath} from 'node:url';

/** The launcher, run as `npx sage-console` and `npm start` run it: by its own `#!` line, with its V8 flags. */
export const binary = fileURLToPath(new URL('../../bin/sage-console.js', import.meta.url));

export type CliResult = {code: number | null; stdout: string; stderr: string};

/** Runs the built `sage-console` to completion. */
export function runCli(args: string[], options: {cwd?: string; env?: Record<string, string>; timeoutMs?: number} = {}): CliResult {
	const result = spawnSync(binary, args, {
		cwd: options.cwd,
		env: {...process.env, ...options.env},
		encoding: 'utf8',
		timeout: options.timeoutMs ?? 60_000,
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** `sage-console run JOB` in `root`, expected to succeed: the run's result as its `result:` line gives it. */
export function runResultIn(root: string, jobId: string): Record<string, unknown> {
	const run = runCli(['run', jobId], {cwd: root});
	expect(run.code, run.stdout).toBe(0);
	return JSON.parse(/^result: (.*)$/m.exec(run.stdout)![1]!) as Record<string, unknown>;
}

/** Runs the built `sage-console` on `root` (`--root` added), expecting it to succeed: its stdout. */
export function cliOn(root: string): (...args: string[]) => string {
	return (...args: string[]) => {
		const result = runCli([...args, '--root', root]);
		expect(result.code, result.stderr).toBe(0);
		return result.stdout;
	};
}

/** Starts the built `sage-console` in the background (e.g. `--headless`); `env` adds to this process's environment. */
export function startCli(args: string[], options: {cwd?: string; env?: Record<string, string>} = {}) {
	const child = spawn(binary, args, {cwd: options.cwd, env: options.env && {...process.env, ...options.env}, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const exited = new Promise<number | null>(resolve => {
		child.on('exit', code => resolve(code));
	});
	return {child, exited, output: () => ({stdout, stderr})};
}

/** Headless schedulers and the temporary roots they run in, all killed and removed after each test. */
export class HeadlessProcesses {
	private readonly children: Array<ReturnType<typeof startCli>> = [];
	private readonly roots: TempRoot[] = [];

	/** A temporary root (see makeTempRoot) removed after the test. */
	makeRoot(files: Record<string, string> = {}): TempRoot {
		const root = makeTempRoot(files);
		this.roots.push(root);
		return root;
	}

	start(root: string): ReturnType<typeof startCli> {
		const started = startCli(['--headless', '--root', root]);
		this.children.push(started);
		return started;
	}

	/** The pid of the `index`-th scheduler started in this test. */
	pidOf(index: number): number {
		return this.children[index]!.child.pid!;
	}

	track(started: ReturnType<typeof startCli>): void {
		this.children.push(started);
	}

	killAll(): void {
		for (const {child} of this.children.splice(0)) {
			child.kill('SIGKILL');
		}
	}

	cleanUp(): void {
		this.killAll();
		for (const root of this.roots.splice(0)) {
			root.remove();
		}
	}
}

/** A HeadlessProcesses cleaned up after each test of the calling file. */
export function trackHeadlessProcesses(): HeadlessProcesses {
	const processes = new HeadlessProcesses();
	afterEach(() => {
		processes.cleanUp();
	});
	return processes;
}

/**
 * The scheduler started and its socket listening (the `ready` line: "scheduler started" comes before the
 * socket listens). A start takes up to 8 s on a loaded CI box, and more with other schedulers starting
 * beside it: 20 s was seen to run out.
 */
export async function schedulerStarted(app: ReturnType<typeof startCli>): Promise<void> {
	await waitFor(() => app.output().stdout.includes('ready: clients attach on '), 40_000, 'the scheduler to start and listen');
}
