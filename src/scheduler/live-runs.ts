/**
 * The runs that have started and not ended: each handed to its executor with a sink for its progress
 * and lines, its timeout armed, its cancel carried out, and its end recorded and told. The scheduler
 * decides what starts; this keeps what has.
 */
import type {RunRecord} from '../core/run-record.js';
import {isFinal} from '../core/run-states.js';
import {isGroup, type PendingRun} from '../core/run-queue.js';
import type {CancelReason, RunHandle, RunOutcome, RunSink} from '../executors/executor.js';
import type {LiveRun, LiveRunsDeps} from './live-run.js';
import {recordLiveRunEnd} from './live-run-end.js';
import {saveHeldProgressNow} from './live-run-progress.js';
import {liveRunSink, type LiveRunWatch} from './live-run-sink.js';
import {liveRunSpec} from './live-run-spec.js';
import {RunLogTaking} from './run-log-taking.js';

export type {LiveRun, LiveRunsDeps} from './live-run.js';

export class LiveRuns {
	private readonly runs = new Map<number, LiveRun>();
	private slotsTakenCount = 0;
	private readonly logs: RunLogTaking;
	private readonly watch: LiveRunWatch = {
		isLive: live => this.runs.has(live.record.id),
		timedOut: live => this.cancel(live, 'timeout'),
	};

	constructor(private readonly deps: LiveRunsDeps) {
		this.logs = new RunLogTaking(deps);
	}

	get size(): number {
		return this.runs.size;
	}

	/** Runs that take a slot of `max_parallel` (all but groups, which do no work of their own). */
	get slotsTaken(): number {
		return this.slotsTakenCount;
	}

	get(runId: number): LiveRun | undefined {
		return this.runs.get(runId);
	}

	all(): LiveRun[] {
		return [...this.runs.values()];
	}

	pendingRuns(): PendingRun[] {
		return this.all().map(live => live.pending);
	}

	ofJob(jobId: string): LiveRun[] {
		return this.all().filter(live => live.pending.job.id === jobId);
	}

	/**
	 * Starts a queued run: its log file, `running` in history, then its executor. A run handed to the
	 * workers stays `queued` in history, with its log, until a worker takes it (live-run-sink.ts): it
	 * waits, as a run waiting for a slot does, and `history --status running` lists only runs under way.
	 */
	start(pending: PendingRun, record: RunRecord): void {
		const now = this.deps.clock.now();
		const live: LiveRun = {pending, record, progressSavedAt: now};
		this.add(live);
		const group = isGroup(pending);
		let logPath: string | undefined;
		if (!group) {
			const taken = this.logs.take(now);
			if ('failure' in taken) {
				this.deps.recorder.move(record, 'failed', {finishedAt: now, durationMs: 0, error: {type: 'RunLogUnavailable', message: taken.failure}});
				this.end(live);
				return;
			}

			logPath = taken.logPath;
		}

		const toWorkers = !group && pending.job.runOn === 'workers';
		if (toWorkers) {
			this.deps.recorder.note(record, {logPath});
		} else {
			this.deps.recorder.move(record, 'running', {startedAt: now, logPath});
			live.startedMono = this.deps.clock.monotonic?.();
		}

		this.deps.started(live);
		const sink = this.sinkFor(live);
		const target = pending.job.target;
		if (!group) {
			// Its row committed before its work begins: killed from here on, the scheduler leaves a run the next
			// start closes, not a job that ran with no row (whose id the next start would give again).
			this.deps.recorder.commitNow();
		}

		live.handle = target.kind === 'group'
			? this.deps.startGroup(live, sink)
			: this.deps.executor.start(liveRunSpec(pending, target, record, logPath!, this.deps.paths), sink);
		if (live.handle.startsLater && !isFinal(live.record.status) && live.waiting === undefined) {
			if (live.record.status === 'running') {
				this.deps.recorder.note(record, {startedAt: undefined});
			}

			live.startedMono = undefined;
			this.followUntilStarted(live);
			return;
		}

		this.follow(live, pending.job.timeoutMs);
	}

	/**
	 * Takes over a run a previous scheduler left going elsewhere (see AdoptRun): live again with the
	 * handle `start` gives, its timeout counted from its recorded start.
	 */
	adopt(pending: PendingRun, record: RunRecord, start: (sink: RunSink) => RunHandle): void {
		const now = this.deps.clock.now();
		const live: LiveRun = {pending, record, progressSavedAt: now, reattached: true};
		this.add(live);
		this.deps.started(live);
		live.handle = start(this.sinkFor(live));
		if (live.handle.startsLater && record.startedAt === undefined) {
			this.followUntilStarted(live); // Still waiting for a worker, as it was under the previous scheduler.
			return;
		}

		const timeoutMs = pending.job.timeoutMs;
		this.follow(live, timeoutMs === undefined ? undefined : Math.max(0, timeoutMs - (now - (record.startedAt ?? now))));
	}

	/**
	 * Lets go of the runs whose handles can outlive this process (runs on workers), unrecorded: their
	 * rows stay `running` (or `queued`, not taken yet) for the next scheduler to adopt. Returns them.
	 */
	detachAll(): LiveRun[] {
		const detached = this.all().filter(live => live.handle?.detach && !live.cancelReason);
		for (const live of detached) {
			this.deps.clock.clearTimeout(live.timeoutTimer);
			saveHeldProgressNow(live, this.deps);
			this.remove(live);
			live.handle!.detach!();
		}

		return detached;
	}

	/** Asks a run to stop; its end is recorded as cancelled or timeout when it comes. */
	cancel(live: LiveRun, reason: CancelReason): void {
		if (live.cancelReason || !this.runs.has(live.record.id)) {
			return;
		}

		live.cancelReason = reason;
		const what = reason === 'timeout' ? `timing out (timeout ${Math.round((live.pending.job.timeoutMs ?? 0) / 1000)} s)` : (reason === 'replaced' ? 'replacing with a newer run' : 'cancelling');
		this.say(live, reason === 'timeout' ? 'warn' : 'info', `${live.record.jobId}: ${what} (run ${live.record.id})`);
		live.handle?.cancel(reason);
	}

	/**
	 * Takes back a run still waiting for a worker (RunHandle.withdraw), which then ends cancelled with
	 * `message`; false for one that has begun, is being cancelled, or cannot be taken back.
	 */
	async withdraw(live: LiveRun, message: string): Promise<boolean> {
		if (live.waiting !== true || live.cancelReason || !live.handle?.withdraw) {
			return false;
		}

		return live.handle.withdraw(message);
	}

	cancelAll(reason: CancelReason): void {
		for (const live of this.all()) {
			this.cancel(live, reason);
		}
	}

	/** Waiting for a worker: not started yet; its timeout is set when it starts (the sink's `started`, live-run-sink.ts). */
	private followUntilStarted(live: LiveRun): void {
		live.waiting = true;
		void live.handle!.done.then(outcome => this.finish(live, outcome));
	}

	private follow(live: LiveRun, timeoutMs: number | undefined): void {
		if (timeoutMs !== undefined) {
			live.timeoutTimer = this.deps.clock.setTimeout(() => this.cancel(live, 'timeout'), timeoutMs);
		}

		void live.handle!.done.then(outcome => this.finish(live, outcome));
	}

	private sinkFor(live: LiveRun): RunSink {
		return liveRunSink(live, this.deps, this.watch);
	}

	private finish(live: LiveRun, outcome: RunOutcome): void {
		if (!this.runs.has(live.record.id)) {
			return;
		}

		this.deps.firesFirst();
		recordLiveRunEnd(live, outcome, this.deps);
		this.end(live);
	}

	private add(live: LiveRun): void {
		this.runs.set(live.record.id, live);
		this.slotsTakenCount += isGroup(live.pending) ? 0 : 1;
	}

	private remove(live: LiveRun): void {
		if (this.runs.delete(live.record.id)) {
			this.slotsTakenCount -= isGroup(live.pending) ? 0 : 1;
		}
	}

	private end(live: LiveRun): void {
		this.remove(live);
		this.deps.ended(live);
	}

	private say(live: LiveRun, level: 'info' | 'warn', msg: string): void {
		this.deps.logger[level]({jobId: live.record.jobId, runId: live.record.id}, msg);
		this.deps.tail([{time: this.deps.clock.now(), level, msg, jobId: live.record.jobId, runId: live.record.id}]);
	}
}
