/**
 * At a start, the deadlines that passed before it: those told by the scheduler before (kept in the
 * store) and not made up are still overdue, not told again; those that passed while no scheduler ran
 * are told now, once (deadline-missed-while-down.ts); and one whose job's last run ended that day, not a
 * success, was told when it passed, so it is overdue again without a second alert. In each case the
 * success that makes one up sends `deadline-met`.
 */
import type {RunRecord} from '../core/run-record.js';
import {addDays, zonedClock, zonedDate} from '../time/zoned-time.js';
import {deadlineOn, type Deadline} from './deadline-day.js';
import {dueOn} from './deadline-due.js';
import type {DeadlineLedger} from './deadline-ledger.js';
import {deadlineMissedWhileDown} from './deadline-missed-while-down.js';
import type {DeadlineStorePort, ToldDeadline, WatchDeps, WatchedJob} from './watch-ports.js';

/** A success in history: its job and trade date. */
type Success = {jobId: string; tradeDate: string};

export type DeadlinesAtStartParts = {
	deps: Pick<WatchDeps, 'jobs' | 'job' | 'schedulerPaused'>;
	/** None: in memory only, so nothing is known from before this start. */
	store: DeadlineStorePort | undefined;
	ledger: DeadlineLedger;
	/** The job's last ended run, from history or seen since. */
	lastEnd(jobId: string): RunRecord | undefined;
	/** Tells the deadline missed now (`note`: more of why), as the running watch tells one. */
	tell(watched: WatchedJob, deadline: Deadline, note: string): void;
};

/** Judges, once at `now`, the deadlines that passed before this start; `successes`: the deadline jobs' recent successes in history. */
export function judgeDeadlinesAtStart(parts: DeadlinesAtStartParts, now: number, successes: readonly Success[]): void {
	toldBeforeStart(parts, now, successes);
	const toldNow = missedWhileDown(parts, now, successes);
	overdueBeforeStart(parts, now, successes, toldNow);
	parts.ledger.keepWatchedUpTo(now);
}

/** A success of that day or later, in history. */
function madeUp(successes: readonly Success[], jobId: string, day: string): boolean {
	return successes.some(success => success.jobId === jobId && success.tradeDate >= day);
}

/**
 * The deadlines told before this start (kept in the store) and not made up since: still overdue, not
 * told again, and the success that makes one up sends `deadline-met` — a deadline missed with no run
 * at all too. One from before yesterday, made up meanwhile (a success of its day or later in history),
 * or of a job no longer watched for a deadline is forgotten.
 */
function toldBeforeStart({deps, store, ledger}: DeadlinesAtStartParts, now: number, successes: readonly Success[]): void {
	let told: Map<string, ToldDeadline> | undefined;
	try {
		told = store?.toldDeadlines();
	} catch {
		// History unreadable (its notice says why): what was told before is not known.
		return;
	}

	for (const [jobId, deadline] of told ?? []) {
		const job = deps.job(jobId)?.job;
		if (job?.deadlineMinute === undefined || madeUp(successes, jobId, deadline.day) || deadline.day < addDays(zonedDate(now, job.timezone), -1)) {
			ledger.forgetKept(jobId);
			continue;
		}

		ledger.holdOverdue(jobId, {day: deadline.day, at: deadline.at});
	}
}

/**
 * Tells each job's deadline that passed while no scheduler ran (since the last look the one before took,
 * kept in the store), due and neither made up nor told: once, now. Nothing is known at a root's first
 * start (or with no store): nothing is told. Returns the jobs told.
 */
function missedWhileDown({deps, store, ledger, tell}: DeadlinesAtStartParts, now: number, successes: readonly Success[]): Set<string> {
	const toldNow = new Set<string>();
	let watchedUpTo: number | undefined;
	try {
		watchedUpTo = store?.deadlinesWatchedUpTo();
	} catch {
		// History unreadable (its notice says why): when the deadlines were last looked at is not known.
		return toldNow;
	}

	if (watchedUpTo === undefined) {
		return toldNow;
	}

	for (const watched of deps.jobs()) {
		const {job} = watched;
		const missed = job.deadlineMinute === undefined ? undefined : deadlineMissedWhileDown(job, now, watchedUpTo, {
			due: deadline => dueOn(watched, deadline, deps),
			madeUp: day => madeUp(successes, job.id, day),
			told: day => ledger.wasTold(job.id, day),
		});
		if (missed) {
			// In the job's zone, as its deadline is; the day too when not the deadline's.
			const stamp = (at: number) => `${zonedDate(at, job.timezone) === missed.day ? '' : `${zonedDate(at, job.timezone)} `}${zonedClock(at, job.timezone).slice(0, 5)}`;
			tell(watched, missed, `; no scheduler was running then (down from ${stamp(watchedUpTo)}, started again ${stamp(now)})`);
			toldNow.add(job.id);
		}
	}

	return toldNow;
}

/**
 * A deadline that passed before this start with the job's last run, ended that day, not a success and
 * no success since: the alert went out then (`failed`), so it is still overdue, and the success that
 * ends it sends `deadline-met`. Not told again: a restart must not repeat the alert. `toldNow`: jobs
 * whose deadline passed while no scheduler ran, told by this start (missedWhileDown).
 */
function overdueBeforeStart({deps, ledger, lastEnd}: DeadlinesAtStartParts, now: number, successes: readonly Success[], toldNow: ReadonlySet<string>): void {
	for (const watched of deps.jobs()) {
		const {job} = watched;
		const end = lastEnd(job.id);
		if (job.deadlineMinute === undefined || toldNow.has(job.id) || end === undefined || end.status === 'success' || end.status === 'skipped') {
			continue;
		}

		const today = zonedDate(now, job.timezone);
		for (const day of [addDays(today, -1), today]) {
			const deadline = deadlineOn(job, day);
			const tried = (end.finishedAt ?? 0) >= deadline.dayStart;
			if (deadline.at <= now && tried && !madeUp(successes, job.id, day) && dueOn(watched, deadline, deps)) {
				ledger.holdOverdue(job.id, {day, at: deadline.at});
			}
		}
	}
}
