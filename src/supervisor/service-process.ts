/**
 * One service process: started by us, or adopted from a scheduler that died. Like a command job's, it
 * leads a session and process group of its own (spawned detached), so a stop reaches its whole tree
 * (the executors' tree stop: group, descendants outside it, SIGKILL after the timeout). Unlike a job's,
 * it is started without a parent-death signal and writes its output to files itself: a service
 * outlives a scheduler killed with -9, and the next scheduler adopts it (never a second copy). Every
 * process of its tree carries its run's mark in its environment (executors/run-mark.ts), so a stop also
 * reaches one that left the group with `setsid` and lost its parent.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {closeSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {RunError} from '../core/run-record.js';
import {checkProgram, checkWorkingDirectory} from '../executors/command-checks.js';
import type {ProcessIdentity} from '../executors/executor.js';
import {isStillRunning, readProcStat} from '../executors/proc-stat.js';
import {stopProcessTree, type TreeLeader, type TreeReport} from '../executors/process-tree.js';
import {markVariables, type EnvironmentMark} from '../executors/run-mark.js';
import type {ServiceTarget} from './service-definition.js';
import {fileSize, openOutput, type OutputFiles} from './service-logs.js';
import {withoutSchedulerSecrets} from '../executors/scheduler-secrets.js';

/** How a service process ended. */
export type ServiceExit =
	| {known: true; code: number | null; signal: NodeJS.Signals | null}
	/** An adopted process is not our child: that it ended is seen, not how. */
	| {known: false};

const typeScript = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** A `module:` service: Node runs the script (TypeScript through tsx's loader, which this package depends on). */
function argvOf(target: ServiceTarget): {argv: string[]; shown: string} {
	if (target.kind === 'module') {
		const loader = typeScript.has(path.extname(target.path)) ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
		return {argv: [process.execPath, ...loader, target.path], shown: `node ${path.basename(target.path)}`};
	}

	return target.shell ? {argv: ['/bin/sh', '-c', target.argv[0]!], shown: target.argv[0]!} : {argv: target.argv, shown: target.argv.join(' ')};
}

export class ServiceProcess {
	readonly exited: Promise<ServiceExit>;
	/** Where its stdout file stood when it started: a readiness pattern is looked for from here. */
	readonly outOffset: number;
	/** Where its stderr file stood when it started: its crash's tail is read from here. */
	readonly errOffset: number;
	private settle!: (exit: ServiceExit) => void;
	private ended = false;

	private constructor(readonly leader: TreeLeader, readonly adopted: boolean, offsets: {out: number; err: number}) {
		this.outOffset = offsets.out;
		this.errOffset = offsets.err;
		this.exited = new Promise(resolve => {
			this.settle = exit => {
				if (!this.ended) {
					this.ended = true;
					resolve(exit);
				}
			};
		});
	}

	/**
	 * Starts the service's process with its output going to `files`, `env` and its run's `mark` added to
	 * its environment (the mark last: a service's own `env` cannot take it away).
	 * @returns the process, or why it could not start (a missing program or folder, a log file that cannot be opened)
	 */
	static start(target: ServiceTarget, files: OutputFiles, env: Record<string, string>, mark: EnvironmentMark): ServiceProcess | RunError {
		const {argv, shown} = argvOf(target);
		// Python buffers what it prints into a file: a ready line printed with print() would reach ready_pattern's
		// watch only at 8 KiB or exit, as a command job's lines would (command-run.ts). The scheduler's environment or the service's env may say otherwise.
		const fullEnv: NodeJS.ProcessEnv = {PYTHONUNBUFFERED: '1', ...withoutSchedulerSecrets(process.env), ...target.env, ...env, ...markVariables(mark)};
		const problem = checkWorkingDirectory(target.cwd) ?? (target.kind === 'command' && target.shell ? undefined : checkProgram(argv[0], target.cwd, fullEnv.PATH, argv[0]));
		if (problem) {
			return problem;
		}

		let fds: {out: number; err: number};
		try {
			fds = openOutput(files);
		} catch (error) {
			return {type: 'ServiceLogUnavailable', message: `cannot open ${files.out} or ${files.err}: ${(error as Error).message}`};
		}

		const offsets = {out: fileSize(files.out), err: fileSize(files.err)};
		let child: ChildProcess;
		try {
			// Detached: setsid(), so it leads a session and group a stop can signal whole, and no terminal's hangup reaches it.
			child = spawn(argv[0]!, argv.slice(1), {cwd: target.cwd, env: fullEnv, detached: true, stdio: ['ignore', fds.out, fds.err]});
		} catch (error) {
			return {type: 'SpawnError', message: `${shown} could not be started: ${(error as Error).message}`};
		} finally {
			closeSync(fds.out);
			closeSync(fds.err);
		}

		if (child.pid === undefined) {
			child.on('error', () => undefined);
			return {type: 'SpawnError', message: `${shown} could not be started`};
		}

		// Read now, while it exists (a zombie at worst: Node reaps it later, on this thread).
		const startTicks = readProcStat(child.pid)?.startTicks ?? 0;
		const started = new ServiceProcess({pid: child.pid, pgid: child.pid, startTicks, mark}, false, offsets);
		child.on('error', () => undefined);
		child.once('exit', (code, signal) => started.settle({known: true, code, signal}));
		// The scheduler may stop without waiting for it (it is stopped first, or adopted by the next one).
		child.unref();
		return started;
	}

	/** A process a previous scheduler started, still running (`leader` with its run's mark): supervised by polling from now on. */
	static adopt(leader: TreeLeader, files: OutputFiles): ServiceProcess {
		return new ServiceProcess(leader, true, {out: fileSize(files.out), err: fileSize(files.err)});
	}

	get pid(): number {
		return this.leader.pid;
	}

	/** Its pid, group and start time, as its run's row keeps them (the mark is not kept: it is worked out from the run). */
	get identity(): ProcessIdentity {
		const {pid, pgid, startTicks} = this.leader;
		return {pid, pgid, startTicks};
	}

	/** For an adopted process: sees that it ended (a reused pid is another process). */
	poll(): void {
		if (this.adopted && !isStillRunning(this.leader.pid, this.leader.startTicks)) {
			this.settle({known: false});
		}
	}

	/** Stops its whole tree, what carries its mark included: `signal`, then SIGKILL to what is left after `timeoutMs`. */
	async stop(signal: NodeJS.Signals, timeoutMs: number, onSignalled?: (report: TreeReport) => void): Promise<TreeReport> {
		const report = await stopProcessTree(this.leader, timeoutMs, onSignalled, signal);
		this.poll();
		return report;
	}
}
