/**
 * One run on a worker, seen from the scheduler: put on its worker queue (once: its queue job id is
 * deterministic and claimed), followed through its event stream (progress, log tail, the log file's
 * bytes, the outcome), cancelled through its cancel key and channel, and ended here only when the
 * worker cannot end it: Redis unreachable before it was queued, a cancel no worker answers, or a
 * worker that stopped answering — then it goes to another worker as the next attempt. Each of those
 * is a part of its own (remote-run-*.ts, worker-lost-check.ts) around the run's shared state.
 */
import type {CancelReason, RunHandle, RunOutcome, RunSink, RunSpec} from '../executors/executor.js';
import type {runKeys} from './remote-keys.js';
import {RemoteRunCancel} from './remote-run-cancel.js';
import {RemoteRunEnding} from './remote-run-ending.js';
import {enqueueRun, resumeRun, type QueueingParts} from './remote-run-queueing.js';
import {RemoteRunState, type RemoteRunDeps} from './remote-run-state.js';
import {RemoteRunStream} from './remote-run-stream.js';
import {WorkerLostCheck} from './worker-lost-check.js';

export type RemoteRunContext = RemoteRunDeps & {
	/** The run ended or was let go. */
	forget(run: RemoteRun): void;
};

export class RemoteRun {
	private readonly run: RemoteRunState;
	private readonly ending: RemoteRunEnding;
	private readonly stream: RemoteRunStream;
	private readonly cancelling: RemoteRunCancel;
	private readonly workerCheck: WorkerLostCheck;

	constructor(readonly spec: RunSpec, sink: RunSink, private readonly context: RemoteRunContext) {
		this.run = new RemoteRunState(spec, sink, context);
		this.ending = new RemoteRunEnding(this.run, () => this.release());
		this.stream = new RemoteRunStream(this.run, this.ending);
		this.cancelling = new RemoteRunCancel(this.run, this.ending);
		this.workerCheck = new WorkerLostCheck(this.run, this.ending);
	}

	get id(): string {
		return this.run.id;
	}

	get keys(): ReturnType<typeof runKeys> {
		return this.run.keys;
	}

	get done(): Promise<RunOutcome> {
		return this.ending.done;
	}

	/** `host:pid` of the worker that took it. */
	get worker(): string | undefined {
		return this.run.worker;
	}

	get handle(): RunHandle {
		return {done: this.done, startsLater: true, cancel: reason => this.cancel(reason), withdraw: async message => this.cancelling.withdraw(message), detach: () => this.detach()};
	}

	get isLive(): boolean {
		return this.run.isLive;
	}

	/** Puts the run on its worker queue and follows it; fails fast while Redis is unreachable. */
	async enqueue(): Promise<void> {
		await enqueueRun(this.parts);
	}

	/** Takes the run over from a scheduler that stopped while it was on the workers: reads its stream from the start. */
	async resume(): Promise<void> {
		await resumeRun(this.parts);
	}

	cancel(reason: CancelReason): void {
		this.cancelling.ask(reason);
	}

	/** The scheduler stops: the run goes on on its worker, and the next scheduler re-attaches to it. */
	detach(): void {
		this.ending.detach();
	}

	/** Called every few seconds: a run whose worker is lost goes to another (see WorkerLostCheck). */
	async check(now: number): Promise<void> {
		await this.workerCheck.check(now);
	}

	private get parts(): QueueingParts {
		return {run: this.run, ending: this.ending, stream: this.stream, cancel: this.cancelling};
	}

	/** Ended or let go: nothing of it is followed here any more. */
	private release(): void {
		this.cancelling.clear();
		this.stream.unfollow();
		this.run.log.close();
		this.context.forget(this);
	}
}
