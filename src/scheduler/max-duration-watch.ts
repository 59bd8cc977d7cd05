/**
 * Per job `max_duration`: a run still going after that long is told once (`max-duration`); the run goes
 * on — `timeout`, not this, ends runs. While it goes on, its live row says so (`overMaxDuration`), so a
 * client that was not watching when the alert went out still sees it; its record keeps it too, so its
 * history row says so after it ended (`history --json`, `GET /v1/runs`).
 */
import type {RunRecord} from '../core/run-record.js';
import {formatDuration} from '../config/quantities.js';
import type {WatchDeps} from './watch-ports.js';

export class MaxDurationWatch {
	private readonly timers = new Map<number, unknown>();
	private readonly passed = new Map<number, {at: number; maxDurationMs: number}>();

	constructor(private readonly deps: Pick<WatchDeps, 'clock' | 'alert' | 'job' | 'changed' | 'overMaxDuration'>) {}

	/** Live runs past their max_duration: since when, and the limit. */
	get overRuns(): ReadonlyMap<number, {at: number; maxDurationMs: number}> {
		return this.passed;
	}

	started(run: RunRecord, maxDurationMs: number | undefined): void {
		if (maxDurationMs === undefined) {
			return;
		}

		const startedAt = run.startedAt ?? this.deps.clock.now();
		const wait = Math.max(startedAt + maxDurationMs - this.deps.clock.now(), 0);
		this.timers.set(run.id, this.deps.clock.setTimeout(() => {
			this.timers.delete(run.id);
			const mark = {at: startedAt + maxDurationMs, maxDurationMs};
			this.passed.set(run.id, mark);
			this.deps.overMaxDuration(run, mark);
			this.deps.changed();
			this.deps.alert({jobId: run.jobId, kind: 'max-duration', at: this.deps.clock.now(), runId: run.id, message: `${run.jobId} run ${run.id} has run longer than its max_duration ${formatDuration(maxDurationMs)} (still running)`});
		}, wait));
	}

	ended(run: RunRecord): void {
		if (this.passed.delete(run.id)) {
			this.deps.changed();
		}

		const timer = this.timers.get(run.id);
		if (timer !== undefined) {
			this.deps.clock.clearTimeout(timer);
			this.timers.delete(run.id);
		}
	}

	stop(): void {
		for (const timer of this.timers.values()) {
			this.deps.clock.clearTimeout(timer);
		}

		this.timers.clear();
		this.passed.clear();
	}
}
