/**
 * What the deadline watch has told and how far it has looked: each deadline told missed once, each
 * job's overdue one until it is made up, kept in the store across restarts so a restart neither repeats
 * an alert nor forgets an overdue job; and up to when the deadlines were looked at, so the next start
 * tells those that passed while no scheduler ran (deadlines-at-start.ts).
 */
import type {DeadlineStorePort, ToldDeadline} from './watch-ports.js';

export class DeadlineLedger {
	/** (job|day) pairs told. */
	private readonly told = new Set<string>();
	/** Job → the deadline (day and instant) it missed and has not yet made up. */
	private readonly overdue = new Map<string, ToldDeadline>();

	/** `store`: where the deadlines told are kept across restarts, written through `write` (none: in memory only). */
	constructor(private readonly store?: DeadlineStorePort, private readonly write?: (what: string, work: () => void) => void) {}

	/** Jobs past a deadline they have not made up, with its day and instant. */
	get overdueJobs(): ReadonlyMap<string, ToldDeadline> {
		return this.overdue;
	}

	wasTold(jobId: string, day: string): boolean {
		return this.told.has(`${jobId}|${day}`);
	}

	/** A deadline told before (or as good as told): overdue, not told again, and not written again. */
	holdOverdue(jobId: string, deadline: ToldDeadline): void {
		this.told.add(`${jobId}|${deadline.day}`);
		this.overdue.set(jobId, deadline);
	}

	/** A deadline told now: overdue and kept as told until the job makes it up. */
	keepTold(jobId: string, deadline: ToldDeadline): void {
		this.holdOverdue(jobId, deadline);
		this.keep(jobId, deadline);
	}

	/** The job succeeded: the day of the deadline it made up, forgotten (none when none was overdue). */
	madeUp(jobId: string): string | undefined {
		const day = this.overdue.get(jobId)?.day;
		if (day !== undefined) {
			this.overdue.delete(jobId);
			this.keep(jobId, undefined);
		}

		return day;
	}

	/** A deadline kept as told that is no longer owed (made up, long past, or its job no longer watched). */
	forgetKept(jobId: string): void {
		this.keep(jobId, undefined);
	}

	/** Days told long ago need not be remembered: only yesterday's and today's deadlines are ever checked. */
	forgetBefore(day: string): void {
		for (const key of this.told) {
			if (key.slice(key.indexOf('|') + 1) < day) {
				this.told.delete(key);
			}
		}
	}

	/**
	 * The deadlines are looked at up to `at`: a start after a stop tells those that passed since.
	 * Written at once, not queued with the history writes, as the scheduler's alive stamp is: once a
	 * minute, it would pile up in their queue while the database is locked or the disk full. One that
	 * fails is made good by the next; a start that reads one a little old judges a few more deadlines
	 * again, and those told are kept as told.
	 */
	keepWatchedUpTo(at: number): void {
		try {
			this.store?.setDeadlinesWatchedUpTo(at);
		} catch {
			// The database busy with another process's write, or gone a moment: the next look writes it.
		}
	}

	/** Keeps (or forgets, `told` undefined) the deadline the job was told to have missed. */
	private keep(jobId: string, told: ToldDeadline | undefined): void {
		const {store, write} = this;
		if (store && write) {
			write(`keep the deadline told of ${jobId}`, () => {
				store.setToldDeadline(jobId, told);
			});
		}
	}
}
