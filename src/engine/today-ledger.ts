import {zonedDate, zonedInstant} from '../time/zoned-time.js';
import type {TodayStats} from './engine-snapshot.js';
import type {RunStore} from './ports.js';
import {failureStatuses, type RunRecord} from './run-record.js';

/**
 * Today's finished runs in the configured zone (Asia/Shanghai by default), kept in memory and
 * reloaded from history when the day rolls over, so "today" is right even just after midnight.
 */
export class TodayLedger {
	private day = '';
	private runs = new Map<number, RunRecord>();
	private last = new Map<string, RunRecord>();
	private cachedStats: TodayStats | undefined;
	private cachedFailures: RunRecord[] | undefined;
	private jobIds: readonly string[] = [];

	constructor(private readonly store: RunStore, private readonly timeZone: string) {}

	reload(now: number, jobIds: readonly string[] = this.jobIds): void {
		this.jobIds = jobIds;
		this.day = zonedDate(now, this.timeZone);
		const since = zonedInstant(this.day, this.timeZone).getTime();
		this.runs = new Map(this.store.runsSince(since).filter(run => run.status !== 'queued' && run.status !== 'running').map(run => [run.id, run]));
		this.last = this.store.lastRunsByJob(jobIds);
		this.invalidate();
	}

	rollOver(now: number): void {
		if (zonedDate(now, this.timeZone) !== this.day) {
			this.reload(now);
		}
	}

	add(run: RunRecord): void {
		if (this.day === '') {
			this.reload(run.finishedAt ?? run.scheduledAt);
		}

		if (run.status !== 'skipped') {
			this.last.set(run.jobId, run);
		}

		if ((run.startedAt ?? run.finishedAt ?? run.scheduledAt) >= zonedInstant(this.day, this.timeZone).getTime()) {
			this.runs.set(run.id, run);
		}

		this.invalidate();
	}

	get lastRuns(): ReadonlyMap<string, RunRecord> {
		return this.last;
	}

	get stats(): TodayStats {
		if (!this.cachedStats) {
			let runs = 0;
			let succeeded = 0;
			let failed = 0;
			for (const run of this.runs.values()) {
				if (run.status === 'skipped') {
					continue;
				}

				runs++;
				if (run.status === 'success') {
					succeeded++;
				} else if (failureStatuses.has(run.status)) {
					failed++;
				}
			}

			this.cachedStats = {day: this.day, runs, succeeded, failed};
		}

		return this.cachedStats;
	}

	/** Today's failed, timed-out and interrupted runs, newest first. */
	get failures(): RunRecord[] {
		this.cachedFailures ??= [...this.runs.values()]
			.filter(run => failureStatuses.has(run.status))
			.sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
		return this.cachedFailures;
	}

	private invalidate(): void {
		this.cachedStats = undefined;
		this.cachedFailures = undefined;
	}
}
