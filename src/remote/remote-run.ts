/**
 * One run on a worker, seen from the scheduler: put on its worker queue (once: its queue job id is
 * deterministic and claimed), followed through its event stream (progress, log tail, the log file's
 * bytes, the outcome), cancelled through its cancel key and channel, and ended here only when the
 * worker cannot end it: Redis unreachable before it was queued, a cancel no worker answers, or a
 * worker that stopped answering — then it goes to another worker as the next attempt.
 */
import type {RunError} from '../core/run-record.js';
import type {CancelReason, RunHandle, RunOutcome, RunSink, RunSpec} from '../executors/executor.js';
import {RunLogSession} from '../executors/run-log-session.js';
import {durationText} from '../executors/run-outcome-latch.js';
import type {RedisLink} from './redis-link.js';
import {toJobData} from './remote-job-data.js';
import {cancelChannel, finishedRunTtlSeconds, isScheduleFire, queueJobId, runKeys} from './remote-keys.js';
import {RemoteLogFile} from './remote-log-file.js';
import type {RunEventReader} from './run-event-reader.js';
import type {RunEvent, SequencedEvent} from './run-events.js';

export type RemoteRunContext = {
	link: RedisLink;
	reader: RunEventReader;
	queueName: string;
	/** How long a new run waits for Redis before failing fast. */
	connectTimeoutMs: number;
	/** How long a cancel may go unanswered before the run is ended here. */
	silentGraceMs: number;
	/** Whether the worker's heartbeat is current (undefined: not heard of yet). */
	workerAlive(worker: string): boolean | undefined;
	/** May this run, which did not finish on its worker, go to another as the next attempt? (Counts it.) */
	mayHandOver(spec: RunSpec): boolean;
	/** Asks for the next attempt; called once this run's end is recorded. */
	handOver(spec: RunSpec): void;
	/** The run ended or was let go. */
	forget(run: RemoteRun): void;
};

type Phase = 'connecting' | 'queued' | 'ended' | 'detached';

/** How long a worker's heartbeat must stay gone before its run is handed to another. */
const workerGoneMs = 3000;

/** States of a queue job that say BullMQ gave up on the worker that had it (see check). */
const givenUpStates = new Set(['failed', 'waiting', 'prioritized', 'unknown']);

export class RemoteRun {
	readonly id: string;
	readonly keys: ReturnType<typeof runKeys>;
	readonly done: Promise<RunOutcome>;
	/** `host:pid` of the worker that took it. */
	worker: string | undefined;
	private resolve!: (outcome: RunOutcome) => void;
	private phase: Phase = 'connecting';
	private lastSeq = 0;
	private cancelReason: CancelReason | undefined;
	private silentTimer: NodeJS.Timeout | undefined;
	private stalled: string | undefined;
	private stateCheckedAt = 0;
	private silentSince: number | undefined;
	private readonly log: RemoteLogFile;
	private wroteLog = false;
	private listening = false;

	constructor(readonly spec: RunSpec, private readonly sink: RunSink, private readonly context: RemoteRunContext) {
		this.id = queueJobId(spec);
		this.keys = runKeys(this.id);
		this.log = new RemoteLogFile(spec.logPath, {jobId: spec.jobId, runId: spec.runId});
		this.done = new Promise(resolve => {
			this.resolve = resolve;
		});
	}

	get handle(): RunHandle {
		return {done: this.done, startsLater: true, cancel: reason => this.cancel(reason), detach: () => this.detach()};
	}

	get isLive(): boolean {
		return this.phase === 'connecting' || this.phase === 'queued';
	}

	/** Puts the run on its worker queue and follows it; fails fast while Redis is unreachable. */
	async enqueue(): Promise<void> {
		const {link, queueName} = this.context;
		if (!await link.whenReady(this.context.connectTimeoutMs)) {
			this.endHere('failed', {type: 'RedisUnreachable', message: `Redis unreachable at ${link.target.shown}${link.problem ? ` (${link.problem})` : ''}: runs on workers cannot start`});
			return;
		}

		if (this.cancelReason) {
			this.endHere(this.cancelStatus, {type: 'Cancelled', message: 'cancelled before it reached the worker queue'});
			return;
		}

		try {
			const runId = String(this.spec.runId);
			const shared = isScheduleFire(this.spec.trigger);
			// Only a fire of the schedule shares its queue id with other requests: it must win the owner key
			// before it is queued. Any other run's id is its own, so its owner is written with the add, no round trip between.
			if (shared && await link.command.set(this.keys.owner, runId, 'NX') === null) {
				const owner = await link.command.get(this.keys.owner);
				if (owner !== runId) {
					this.endHere('cancelled', {type: 'Duplicate', message: `run ${owner ?? '?'} already put this fire (${this.spec.jobId} at ${new Date(this.spec.scheduledAt).toISOString()}, attempt ${this.spec.attempt}) on the worker queue as ${this.id}: not enqueued twice`});
					return;
				}
			}

			// Followed before it is queued: its first news cannot come before the reader knows it.
			this.listen(false);
			await Promise.all([
				shared ? undefined : link.command.set(this.keys.owner, runId),
				link.queue(queueName).add(this.spec.jobId, toJobData(this.spec, Date.now()), {jobId: this.id, removeOnComplete: {age: finishedRunTtlSeconds}, removeOnFail: {age: finishedRunTtlSeconds}}),
			]);
		} catch (error) {
			this.endHere('failed', {type: 'RedisError', message: `could not put the run on worker queue ${queueName}: ${(error as Error).message}`});
			return;
		}

		this.follow();
	}

	/** Takes the run over from a scheduler that stopped while it was on the workers: reads its stream from the start. */
	async resume(): Promise<void> {
		this.wroteLog = this.log.resume() > 0;
		const {link} = this.context;
		while (this.phase === 'connecting' && !link.isClosed && !await link.whenReady(5000)) {
			// Redis is away: the run may well go on; wait for it rather than guess.
		}

		try {
			if (this.phase === 'connecting' && await link.command.get(this.keys.owner) !== String(this.spec.runId)) {
				this.endHere('interrupted', {type: 'Interrupted', message: 'the scheduler stopped before this run reached the worker queue'});
				return;
			}
		} catch {
			// Redis went again: follow the stream, which tells what happened.
		}

		this.listen(true);
		this.follow();
	}

	cancel(reason: CancelReason): void {
		if (!this.isLive || this.cancelReason) {
			return;
		}

		this.cancelReason = reason;
		if (this.phase === 'queued') {
			void this.sendCancel();
		}
	}

	/** The scheduler stops: the run goes on on its worker, and the next scheduler re-attaches to it. */
	detach(): void {
		if (this.isLive) {
			this.phase = 'detached';
			this.stop();
		}
	}

	/**
	 * Called every few seconds: a run whose worker's heartbeat stopped is handed to another worker once
	 * BullMQ found it stalled (the worker stopped renewing its lock). A live worker that lost its lock (a
	 * long Redis outage) keeps its run: its outcome still comes through the stream, nothing runs twice.
	 */
	async check(now: number): Promise<void> {
		if (this.phase !== 'queued' || !this.worker || this.context.workerAlive(this.worker) !== false) {
			this.silentSince = undefined;
			return;
		}

		// A heartbeat missed across a Redis restart is no death: only one gone for a while counts.
		this.silentSince ??= now;
		if (now - this.silentSince < workerGoneMs) {
			return;
		}

		if (!this.stalled && now - this.stateCheckedAt >= 2000) {
			this.stateCheckedAt = now;
			try {
				const state = await this.context.link.queue(this.context.queueName).getJobState(this.id);
				if (givenUpStates.has(state)) {
					this.stalled = `its queue job is ${state}`;
				}
			} catch {
				return;
			}
		}

		if (this.stalled && this.phase === 'queued') {
			void this.context.link.command.set(this.keys.cancel, 'handed-over', 'EX', finishedRunTtlSeconds).catch(() => undefined);
			this.handOverNow('WorkerLost', `worker ${this.worker} stopped answering (${this.stalled})`);
		}
	}

	private get cancelStatus(): 'timeout' | 'cancelled' {
		return this.cancelReason === 'timeout' ? 'timeout' : 'cancelled';
	}

	/** Reads the run's stream from its start (`history`: it may hold events already, read them now). */
	private listen(history: boolean): void {
		if (!this.listening) {
			this.listening = true;
			this.context.reader.follow(this.keys.events, '0', events => {
				this.onEvents(events);
			}, history);
		}
	}

	/** On the queue: cancels go to the worker from now on. */
	private follow(): void {
		if (this.phase !== 'connecting') {
			return;
		}

		this.phase = 'queued';
		if (this.cancelReason) {
			void this.sendCancel();
		}
	}

	private onEvents(events: SequencedEvent[]): void {
		// A run taken and started in the same read (a short run: one news entry) is told started once, with its worker.
		const startedToo = events.some(event => event.t === 'started');
		for (const event of events) {
			// Events may come before the add's answer (phase still connecting): they are this run's all the same.
			if (!this.isLive) {
				return;
			}

			if (event.s !== undefined) {
				if (event.s <= this.lastSeq) {
					continue;
				}

				this.lastSeq = event.s;
			}

			this.onEvent(event, startedToo);
		}
	}

	private onEvent(event: RunEvent, startedToo: boolean): void {
		switch (event.t) {
			case 'taken': {
				this.worker = event.worker;
				if (!startedToo) {
					this.sink.started(event.at, undefined, event.worker);
				}

				break;
			}

			case 'started': {
				this.sink.started(event.at, undefined, this.worker);
				break;
			}

			case 'progress': {
				this.sink.progress(event.f, event.m);
				break;
			}

			case 'lines': {
				this.sink.log(event.lines);
				break;
			}

			case 'log': {
				this.wroteLog = true;
				this.log.append(event.o, event.n, event.d);
				break;
			}

			case 'notify': {
				this.sink.notify(event.title, event.body, event.users);
				break;
			}

			case 'stalled': {
				this.stalled = `BullMQ found its lock expired, noticed by ${event.by}`;
				break;
			}

			case 'end': {
				if (event.handOver) {
					this.handOverNow('WorkerStopped', event.handOver);
					return;
				}

				const note = this.log.note;
				this.settle(note ? {...event.outcome, notes: [...event.outcome.notes ?? [], note]} : event.outcome, true);
				break;
			}

			default: {
				break;
			}
		}
	}

	private async sendCancel(): Promise<void> {
		const reason = this.cancelReason!;
		const {link} = this.context;
		try {
			await link.command.multi().set(this.keys.cancel, reason, 'EX', finishedRunTtlSeconds).publish(cancelChannel, `${this.id} ${reason}`).exec();
			// Still waiting on the queue: taken off it, nobody ever runs it. Taken (locked): its worker stops it.
			if (!this.worker && await link.queue(this.context.queueName).remove(this.id) === 1 && await link.command.xlen(this.keys.events) === 0) {
				this.endHere(this.cancelStatus, {type: this.cancelStatus === 'timeout' ? 'Timeout' : 'Cancelled', message: `${reason === 'timeout' ? 'timed out' : 'cancelled'} while waiting for a worker (taken off queue ${this.context.queueName})`});
				return;
			}
		} catch {
			// Redis away: the worker still finds the cancel key when it is back, or the grace below ends the run.
		}

		if (this.isLive) {
			this.silentTimer ??= setTimeout(() => {
				this.silent(reason);
			}, this.context.silentGraceMs);
		}
	}

	/** Asked to stop and no answer: the worker went silent (or Redis did). Ended here. */
	private silent(reason: CancelReason): void {
		const who = this.worker ? `worker ${this.worker}` : 'the workers';
		const what = reason === 'timeout' ? `timed out${this.spec.timeoutMs === undefined ? '' : ` after ${durationText(this.spec.timeoutMs)}`}` : 'cancelled';
		this.endHere(this.cancelStatus, {type: reason === 'timeout' ? 'Timeout' : 'Cancelled', message: `${what}; no answer from ${who} within ${durationText(this.context.silentGraceMs)} (it may still be running there)`});
	}

	/** The run did not finish on its worker: ended as interrupted, and its next attempt asked for. */
	private handOverNow(type: string, why: string): void {
		const next = this.context.mayHandOver(this.spec);
		this.endHere(next ? 'interrupted' : 'failed', {type, message: next ? `${why}; handed to another worker as attempt ${this.spec.attempt + 1}` : `${why}; not handed over again (it was, too often)`}, next);
		if (next) {
			// After the scheduler recorded this end (its done handlers run first), so the next attempt is never beside it.
			setImmediate(() => {
				this.context.handOver(this.spec);
			});
		}
	}

	/** Ends the run here with a closing line of its own (a header too when no worker wrote the log). */
	private endHere(status: Exclude<RunOutcome['status'], 'success'>, error: RunError, handedOver = false): void {
		if (!this.isLive) {
			return;
		}

		let outcome: RunOutcome = {status, error, ...(handedOver ? {handedOver: true} : {})};
		if (this.wroteLog) {
			this.log.line('error', `run ${status}`, {errorType: error.type, errorMessage: error.message});
			const note = this.log.note;
			outcome = note ? {...outcome, notes: [note]} : outcome;
		} else {
			const session = RunLogSession.open(this.spec, this.sink, {queue: this.context.queueName});
			outcome = session instanceof RunLogSession ? session.finish(outcome) : outcome;
		}

		this.settle(outcome, false);
	}

	/** `byWorker`: the worker wrote the end, and with it the expiry of the run's keys. */
	private settle(outcome: RunOutcome, byWorker: boolean): void {
		if (!this.isLive) {
			return;
		}

		const queued = this.phase === 'queued';
		this.phase = 'ended';
		this.stop();
		if (queued && !byWorker) {
			// Plain commands, sent together: a pipeline on this connection would copy BullMQ's scripts onto itself first.
			const {command} = this.context.link;
			for (const key of [this.keys.events, this.keys.owner, this.keys.claim]) {
				void command.expire(key, finishedRunTtlSeconds).catch(() => undefined);
			}
		}

		this.resolve(outcome);
	}

	private stop(): void {
		clearTimeout(this.silentTimer);
		// A duplicate never listened: the stream it names is the run that won's.
		if (this.listening) {
			this.listening = false;
			this.context.reader.unfollow(this.keys.events);
		}

		this.log.close();
		this.context.forget(this);
	}
}
