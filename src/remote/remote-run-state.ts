/**
 * What one run on a worker is right now, seen from the scheduler and shared by the parts that follow
 * it: its queue job id and keys, its log file here, its phase (connecting to Redis, on the queue,
 * ended, or let go to the next scheduler), the worker that took it, and a cancel or stall seen.
 */
import type {CancelReason, RunOutcome, RunSink, RunSpec} from '../executors/executor.js';
import {logTroubleText, shownLogPath} from '../executors/run-log-texts.js';
import type {RedisLink} from './redis-link.js';
import {queueJobId, runKeys} from './remote-keys.js';
import {RemoteLogFile} from './remote-log-file.js';
import type {RunEventReader} from './run-event-reader.js';

/** What a run on a worker reaches: Redis, the event reader, its queue, the workers' heartbeats, the hand-over. */
export type RemoteRunDeps = {
	link: RedisLink;
	reader: RunEventReader;
	queueName: string;
	/** How long a new run waits for Redis before failing fast. */
	connectTimeoutMs: number;
	/** How long a cancel may go unanswered before the run is ended here. */
	silentGraceMs: number;
	/** Whether the worker's heartbeat is current (undefined: not heard of yet). */
	workerAlive(worker: string): boolean | undefined;
	/** When the worker last beat, as it told it (undefined: not heard of). */
	workerLastBeatAt(worker: string): number | undefined;
	/** Why this run, which did not finish on its worker, gets no next attempt (its job paused, disabled or removed meanwhile). */
	handOverHeld(spec: RunSpec): string | undefined;
	/** May this run, which did not finish on its worker, go to another as the next attempt? (Counts it.) */
	mayHandOver(spec: RunSpec): boolean;
	/** Asks for the next attempt; called once this run's end is recorded. */
	handOver(spec: RunSpec): void;
};

export type Phase = 'connecting' | 'queued' | 'ended' | 'detached';

export class RemoteRunState {
	readonly id: string;
	readonly keys: ReturnType<typeof runKeys>;
	readonly log: RemoteLogFile;
	phase: Phase = 'connecting';
	/** `host:pid` of the worker that took it. */
	worker: string | undefined;
	cancelReason: CancelReason | undefined;
	/** Why BullMQ gave up on its worker, once seen. */
	stalled: string | undefined;
	/** Its log file here has lines (a worker wrote them, or a previous scheduler did). */
	wroteLog = false;

	constructor(readonly spec: RunSpec, readonly sink: RunSink, readonly deps: RemoteRunDeps) {
		this.id = queueJobId(spec);
		this.keys = runKeys(this.id);
		const shown = shownLogPath(spec);
		this.log = new RemoteLogFile(spec.logPath, {jobId: spec.jobId, runId: spec.runId}, shown);
		// The same standing notice as a local run's log that refuses writes (it clears when a log takes lines again).
		this.log.onWrites = error => {
			sink.logTrouble?.(error === undefined ? undefined : logTroubleText(shown, error));
		};
	}

	/**
	 * The outcome with what its log here lost (`log incomplete: …`) among its notes, that note told to
	 * the tail, and the notice said again: another run's good write may have cleared it meanwhile.
	 */
	withLogNote(outcome: RunOutcome): RunOutcome {
		const note = this.log.note;
		if (note === undefined) {
			return outcome;
		}

		this.sink.logTrouble?.(logTroubleText(shownLogPath(this.spec), this.log.trouble));
		this.sink.log([{time: Date.now(), level: 'warn', msg: note, jobId: this.spec.jobId, runId: this.spec.runId}]);
		return {...outcome, notes: [...outcome.notes ?? [], note]};
	}

	get isLive(): boolean {
		return this.phase === 'connecting' || this.phase === 'queued';
	}

	get cancelStatus(): 'timeout' | 'cancelled' {
		return this.cancelReason === 'timeout' ? 'timeout' : 'cancelled';
	}
}
