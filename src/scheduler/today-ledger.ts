import {failureStatuses, type RunRecord, type RunStatus} from '../core/run-record.js';
import {summarizeRun} from '../protocol/run-summary.js';
import type {RunSummary, TodayStats} from '../protocol/snapshot.js';
import {zonedDate, zonedInstant} from '../time/zoned-time.js';
import type {HistoryPort, OutcomeCounts} from './ports.js';
import type {LastRunsAhead} from './prepared-reload.js';

/** Today's failures kept for the console; older ones are in history. */
const maxFailures = 100;
/**
 * Failures held before the oldest are let go (down to `maxFailures`): a job failing every few seconds
 * fails 20,000 times a day, and each run's end sorted all of them for the snapshot, on the scheduler's
 * thread, and kept them until midnight.
 */
const heldFailures = 2 * maxFailures;

function newestFirst(runs: RunSummary[]): RunSummary[] {
	return runs.sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
}

/**
 * Today's finished runs in the configured zone (a run is the day's it was scheduled on, whenever it
 * started or ended): counts by outcome, the failures, and each job's last run, reloaded from history
 * when the day rolls over, so "today" is right just after midnight too.
 * The failures also hold the ones that ended today of runs scheduled on an earlier day (due 23:50,
 * failed 00:10): not failures yet while their day's panel was live, they were in no day's. They are
 * not in today's counts, which stay by scheduled day; the console marks them with their day. A reload
 * reads them back whatever day they were scheduled on (a backfill, a service up for days), through
 * an index of failures by end.
 * The counts (the header's "today N runs · X% ok · F failed") are of job runs only: a service's
 * crash-restarts are not job runs and are counted by the service (`restartsToday`); their failed
 * starts still stand among today's failures, where each names its service.
 */
export class TodayLedger {
	private day = '';
	private dayStart = 0;
	private counts: OutcomeCounts = {runs: 0, succeeded: 0, failed: 0, cancelled: 0};
	private failed = new Map<number, RunSummary>();
	private last = new Map<string, RunSummary>();
	private cachedStats: TodayStats | undefined;
	private cachedFailures: RunSummary[] | undefined;
	private jobIds: readonly string[] = [];

	constructor(private readonly history: Pick<HistoryPort, 'outcomeCountsSince' | 'failuresSince' | 'lastRunsByJob'>, private timeZone: string) {}

	/** Reads today from history again (at start, after a reload, when the day changes). */
	reload(now: number, jobIds: readonly string[] = this.jobIds, timeZone = this.timeZone): void {
		this.jobIds = jobIds;
		this.timeZone = timeZone;
		this.day = zonedDate(now, this.timeZone);
		this.dayStart = zonedInstant(this.day, this.timeZone).getTime();
		const previous = {failed: this.failed, counts: this.counts};
		this.failed = new Map();
		try {
			// Only the failures clients are sent are read (an earlier day's run that failed today among
			// them); the counts below keep every one of today's.
			for (const run of this.history.failuresSince(this.dayStart, maxFailures)) {
				this.failed.set(run.id, summarizeRun(run));
			}

			// Runs told from now on are counted as they end; the ones ended before are in history.
			this.counts = this.history.outcomeCountsSince(this.dayStart);

			const last = this.history.lastRunsByJob(jobIds);
			for (const [jobId, run] of last) {
				this.last.set(jobId, summarizeRun(run));
			}
		} catch {
			// History unreadable (its notice says why): keep what is known in memory.
			this.failed = previous.failed;
			this.counts = previous.counts;
		}

		this.invalidate();
	}

	/**
	 * A reload's jobs: the last runs of those new to the ledger are read, or taken from `ahead` where it
	 * read them (the others' it keeps up to date itself); a new time zone is another day, read anew.
	 */
	jobsReloaded(now: number, jobIds: readonly string[], timeZone: string, ahead?: LastRunsAhead): void {
		if (timeZone !== this.timeZone) {
			this.reload(now, jobIds, timeZone);
			return;
		}

		const known = new Set(this.jobIds);
		this.jobIds = jobIds;
		const added = jobIds.filter(jobId => !known.has(jobId));
		try {
			const read = this.history.lastRunsByJob(added.filter(jobId => !ahead?.jobIds.has(jobId)));
			for (const jobId of added) {
				const run = ahead?.runs.get(jobId) ?? read.get(jobId);
				if (run) {
					this.last.set(jobId, summarizeRun(run));
				}
			}
		} catch {
			// History unreadable (its notice says why): the new jobs show no last run until it reads.
		}

		this.invalidate();
	}

	/** Rolls over to a new day when `now` is in one. */
	rollOver(now: number): boolean {
		if (zonedDate(now, this.timeZone) === this.day) {
			return false;
		}

		this.reload(now);
		return true;
	}

	add(run: RunRecord): void {
		const summary = summarizeRun(run);
		if (run.status !== 'skipped') {
			this.last.set(run.jobId, summary);
		}

		// A run is the day's it was due on (scheduled_at), as a reload reads it and as `history --since`
		// lists it: counted by its start, one queued over midnight was today's until the next reload.
		const todays = run.scheduledAt >= this.dayStart;
		if (todays && run.trigger !== 'service') {
			this.count(run.status);
		}

		// An earlier day's run that failed today is among today's failures, as a reload reads them.
		if (failureStatuses.has(run.status) && (todays || (run.finishedAt ?? 0) >= this.dayStart)) {
			this.failed.set(run.id, summary);
			this.letOldFailuresGo();
		}

		this.invalidate();
	}

	lastRun(jobId: string): RunSummary | undefined {
		return this.last.get(jobId);
	}

	get stats(): TodayStats {
		this.cachedStats ??= {day: this.day, ...this.counts};
		return this.cachedStats;
	}

	/** Today's failed, timed-out and interrupted runs, and those that ended today of an earlier day's, newest first. */
	get failures(): RunSummary[] {
		this.cachedFailures ??= newestFirst([...this.failed.values()]).slice(0, maxFailures);
		return this.cachedFailures;
	}

	/** How many of today's failures are held in memory: at most twice the ones clients are sent. */
	get failuresHeld(): number {
		return this.failed.size;
	}

	private count(status: RunStatus): void {
		if (status === 'queued' || status === 'running' || status === 'skipped') {
			return;
		}

		this.counts.runs++;
		if (status === 'success') {
			this.counts.succeeded++;
		} else if (failureStatuses.has(status)) {
			this.counts.failed++;
		} else if (status === 'cancelled') {
			this.counts.cancelled++;
		}
	}

	/** Past `heldFailures`, keeps the newest `maxFailures` (the ones clients are sent); the counts keep every one. */
	private letOldFailuresGo(): void {
		if (this.failed.size > heldFailures) {
			this.failed = new Map(newestFirst([...this.failed.values()]).slice(0, maxFailures).map(run => [run.id, run]));
		}
	}

	private invalidate(): void {
		this.cachedStats = undefined;
		this.cachedFailures = undefined;
	}
}
