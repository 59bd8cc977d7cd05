import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import type {RunError} from '../core/run-record.js';
import {checkProgram, checkWorkingDirectory} from './command-checks.js';
import {commandParamNotes} from './command-param-notes.js';
import {commandLine} from './command-line.js';
import {CommandOutput} from './command-output.js';
import type {CancelReason, RunHandle, RunOutcome, RunSink, RunSpec} from './executor.js';
import {guardedSink} from './guarded-sink.js';
import {readProcStat} from './proc-stat.js';
import {stderrHeadline} from './stderr-headline.js';
import {describeTree, stopProcessTree, type TreeLeader} from './process-tree.js';
import {durationText, RunOutcomeLatch} from './run-outcome-latch.js';
import {RunLogSession} from './run-log-session.js';
import {commandRunMark, markVariables, type EnvironmentMark} from './run-mark.js';
import {withoutSchedulerSecrets} from './scheduler-secrets.js';

export type CommandRunOptions = {
	/** How long a stopped command's tree may take to end after SIGTERM, before SIGKILL. */
	cancelGraceMs: number;
	/** util-linux `setpriv`, to start the command with a parent-death signal; undefined: a plain spawn. */
	setpriv: string | undefined;
	/** How long output is still read after the main process exited. @default 200 */
	drainMs?: number;
	now: () => number;
};

type CommandTarget = Extract<RunSpec['target'], {kind: 'command'}>;

/** Runs a `command:` job as a child process; see CommandRun. */
export function startCommandRun(spec: RunSpec, sink: RunSink, options: CommandRunOptions): RunHandle {
	const run = new CommandRun(spec, guardedSink(sink), options);
	return {done: run.done, cancel: reason => run.cancel(reason)};
}

/**
 * One command run: a child process in a session and process group of its own, started through
 * `setpriv --pdeathsig KILL` so that it dies with the thread that started it. The run ends when the
 * main process exits and its output is drained (a background grandchild holding the pipe open does not
 * keep it going); a cancel or timeout stops the whole tree. Settles exactly once, never rejects.
 */
class CommandRun {
	readonly done: Promise<RunOutcome>;
	private readonly latch: RunOutcomeLatch;
	private readonly session: RunLogSession | undefined;
	private child: ChildProcess | undefined;
	private leader: TreeLeader | undefined;
	private output: CommandOutput | undefined;
	private stopping: Promise<void> | undefined;
	private program = '';
	/** In the environment of every process of the run, so a stop finds one that left the group and lost its parent. */
	private readonly mark: EnvironmentMark;

	constructor(private readonly spec: RunSpec, private readonly sink: RunSink, private readonly options: CommandRunOptions) {
		this.latch = new RunOutcomeLatch(spec.timeoutMs);
		this.mark = commandRunMark(spec.runId, spec.logPath);
		const target = spec.target as CommandTarget;
		const cwd = path.resolve(spec.paths.root, target.cwd ?? '.');
		let line: ReturnType<typeof commandLine>;
		try {
			line = commandLine(target, spec);
		} catch (error) {
			this.done = Promise.resolve({status: 'failed', error: {type: 'CommandError', message: `the command could not be prepared: ${String(error)}`}});
			return;
		}

		this.program = line.shown[0] ?? '';
		const opened = RunLogSession.open(spec, sink, {command: line.shown, cwd});
		if (!(opened instanceof RunLogSession)) {
			this.done = Promise.resolve({status: 'failed', error: opened});
			return;
		}

		this.session = opened;
		this.done = this.latch.done.then(outcome => opened.finish(outcome));
		for (const note of commandParamNotes(target.argv, spec.params)) {
			opened.line('warn', note);
		}

		const env: NodeJS.ProcessEnv = {
			// Python block-buffers stdout into a pipe: its lines would reach the log only at exit, and
			// never when a timeout or cancel ends it. The scheduler's environment or the job's env may say otherwise.
			PYTHONUNBUFFERED: '1',
			...withoutSchedulerSecrets(process.env),
			...target.env,
			SAGE_JOB_ID: spec.jobId,
			...markVariables(this.mark),
			SAGE_TRADE_DATE: spec.tradeDate ?? '',
			SAGE_ATTEMPT: String(spec.attempt),
		};
		const problem = checkWorkingDirectory(cwd) ?? (target.shell ? undefined : checkProgram(line.argv[0], cwd, env.PATH, this.program));
		if (problem) {
			this.latch.fail(problem);
			return;
		}

		this.spawn(line.argv, cwd, env);
	}

	cancel(reason: CancelReason): void {
		if (this.latch.isSettled || this.latch.cancelReason) {
			return;
		}

		this.latch.cancelReason = reason;
		const leader = this.leader;
		if (!leader) {
			this.latch.settle({status: 'cancelled', error: {type: 'Cancelled', message: reason}});
			return;
		}

		const grace = this.options.cancelGraceMs;
		const why = reason === 'timeout' ? 'timed out' : reason === 'cancel' ? 'cancelled' : `cancelled (${reason})`;
		this.stopping = stopProcessTree(leader, grace, report => {
			this.session?.line('warn', `${why}: sent SIGTERM to ${describeTree(report)}`);
		}).then(report => {
			if (report.killed > 0) {
				this.session?.line('warn', `killed ${describeTree({pgid: report.pgid, groupSize: report.killedGroup, outside: report.killedOutside})} with SIGKILL, still running after the ${durationText(grace)} grace`);
			}
		}, () => undefined);
	}

	private spawn(argv: string[], cwd: string, env: NodeJS.ProcessEnv): void {
		const [file, ...args] = this.options.setpriv ? [this.options.setpriv, '--pdeathsig', 'KILL', '--', ...argv] : argv;
		let child: ChildProcess;
		try {
			// Detached: the child calls setsid(), so it leads a session and group of its own that a cancel can signal whole.
			child = spawn(file!, args, {cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe']});
		} catch (error) {
			this.latch.fail(this.spawnError(error, cwd));
			return;
		}

		this.child = child;
		child.on('error', error => {
			if (child.pid === undefined || !this.leader) {
				this.latch.fail(this.spawnError(error, cwd));
			}
		});
		if (child.pid === undefined) {
			return; // The 'error' event tells why.
		}

		// Read now, while the process exists (as a zombie at worst: Node reaps it later, on this thread).
		const startTicks = readProcStat(child.pid)?.startTicks ?? 0;
		this.leader = {pid: child.pid, pgid: child.pid, startTicks, mark: this.mark};
		this.output = new CommandOutput(this.spec, this.sink, this.session!.file, child, this.options.drainMs ?? 200);
		const startedAt = this.options.now();
		this.session!.started(startedAt);
		this.sink.started(startedAt, {pid: child.pid, pgid: child.pid, startTicks});
		child.once('exit', (code, signal) => {
			void this.exited(code, signal);
		});
	}

	private async exited(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
		const drained = await this.output!.drain();
		if (!drained) {
			this.session?.line('info', 'the command exited with its output still open (a background process of its own?); stopped reading it: what it writes from now on is not kept');
		}

		await this.stopping;
		const tail = this.output!.stderrTail();
		const headline = stderrHeadline(tail);
		if (code === 0) {
			this.latch.settle({status: 'success', result: {exitCode: 0}});
			return;
		}

		const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
		this.latch.fail({
			type: signal ? 'Killed' : 'ExitCode',
			message: `${this.program} ${how}${headline ? `: ${headline}` : ''}`,
			...(tail.length > 0 ? {stack: tail.join('\n')} : {}),
		});
	}

	private spawnError(error: unknown, cwd: string): RunError {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			// ENOENT names no culprit: the directory or the program may have gone since they were checked.
			return checkWorkingDirectory(cwd) ?? {type: 'CommandNotFound', message: `command not found: ${this.program}`};
		}

		return {type: 'SpawnError', message: `${this.program} could not be started: ${error instanceof Error ? error.message : String(error)}`};
	}
}
