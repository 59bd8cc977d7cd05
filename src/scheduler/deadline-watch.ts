/**
 * Per job `deadline: "17:30"`: on a day the job was due (its schedule, calendar included, had a fire
 * time that day before the deadline), it must have succeeded by the deadline, or an alert goes out once,
 * saying why — never started, still running, or failed. A success after that ends the trouble
 * (`deadline-met`). Holidays need no rule of their own: a trading-days schedule has no fire on them.
 * A deadline that passed while no scheduler ran is told by the next start (deadline-missed-while-down.ts).
 */
import type {RunRecord} from '../core/run-record.js';
import {addDays, zonedClock, zonedDate} from '../time/zoned-time.js';
import {deadlineClock, deadlineOn, type Deadline} from './deadline-day.js';
import {deadlineMissedWhileDown} from './deadline-missed-while-down.js';
import type {DeadlineStorePort, ToldDeadline, WatchDeps, WatchedJob} from './watch-ports.js';

/**
 * Re-plan at least this often, so a wall clock stepped forward past a deadline (an NTP step, a VM or
 * laptop resumed: timers run on the monotonic clock, which stands still while the machine sleeps) is
 * alerted within a minute, not when the wait set before the step runs out (up to the deadline itself).
 */
const maxSleepMs = 60_000;
/** How far ahead a job's next due day is looked for before sleeping on it. */
const lookAheadDays = 10;

export class DeadlineWatch {
	private timer: unknown;
	/** Between start() and stop(): a reload or a pause while the scheduler stops sets no timer that would keep its process alive. */
	private watching = false;
	private checkedUpTo = 0;
	private readonly alerted = new Set<string>();
	/** Job → the deadline (day and instant) it missed and has not yet made up. */
	private readonly overdue = new Map<string, {day: string; at: number}>();
	private readonly lastSuccessAt = new Map<string, number>();
	private readonly lastStartAt = new Map<string, number>();
	private readonly lastEnd = new Map<string, RunRecord>();
	/** (job|trade date) pairs that succeeded before this process started. */
	private successDays = new Set<string>();

	/** `store`: where the deadlines told are kept across restarts, written through `write` (none: in memory only). */
	constructor(private readonly deps: WatchDeps, private readonly store?: DeadlineStorePort, private readonly write?: (what: string, work: () => void) => void) {}

	/** `lastEnds`: each deadline job's last ended run in history, so a restart knows why a deadline was missed. */
	start(now: number, successes: Array<{jobId: string; tradeDate: string}>, lastEnds: ReadonlyMap<string, RunRecord> = new Map()): void {
		this.successDays = new Set(successes.map(({jobId, tradeDate}) => `${jobId}|${tradeDate}`));
		for (const [jobId, run] of lastEnds) {
			this.lastEnd.set(jobId, run);
		}

		this.checkedUpTo = now;
		this.watching = true;
		this.toldBeforeStart(now, successes);
		const toldNow = this.missedWhileDown(now, successes);
		this.overdueBeforeStart(now, successes, toldNow);
		this.keepWatchedUpTo(now);
		this.arm();
	}

	/**
	 * The deadlines told before this start (kept in the store) and not made up since: still overdue, not
	 * told again, and the success that makes one up sends `deadline-met` — a deadline missed with no run
	 * at all too. One from before yesterday, made up meanwhile (a success of its day or later in history),
	 * or of a job no longer watched for a deadline is forgotten.
	 */
	private toldBeforeStart(now: number, successes: Array<{jobId: string; tradeDate: string}>): void {
		let told: Map<string, ToldDeadline> | undefined;
		try {
			told = this.store?.toldDeadlines();
		} catch {
			// History unreadable (its notice says why): what was told before is not known.
			return;
		}

		for (const [jobId, deadline] of told ?? []) {
			const job = this.deps.job(jobId)?.job;
			const madeUp = successes.some(success => success.jobId === jobId && success.tradeDate >= deadline.day);
			if (job?.deadlineMinute === undefined || madeUp || deadline.day < addDays(zonedDate(now, job.timezone), -1)) {
				this.keep(jobId, undefined);
				continue;
			}

			this.alerted.add(`${jobId}|${deadline.day}`);
			this.overdue.set(jobId, {day: deadline.day, at: deadline.at});
		}
	}

	/**
	 * Tells each job's deadline that passed while no scheduler ran (since the last look the one before took,
	 * kept in the store), due and neither made up nor told: once, now. Nothing is known at a root's first
	 * start (or with no store): nothing is told. Returns the jobs told.
	 */
	private missedWhileDown(now: number, successes: Array<{jobId: string; tradeDate: string}>): Set<string> {
		const toldNow = new Set<string>();
		let watchedUpTo: number | undefined;
		try {
			watchedUpTo = this.store?.deadlinesWatchedUpTo();
		} catch {
			// History unreadable (its notice says why): when the deadlines were last looked at is not known.
			return toldNow;
		}

		if (watchedUpTo === undefined) {
			return toldNow;
		}

		for (const watched of this.deps.jobs()) {
			const {job} = watched;
			const missed = job.deadlineMinute === undefined ? undefined : deadlineMissedWhileDown(job, now, watchedUpTo, {
				due: deadline => this.dueOn(watched, deadline),
				madeUp: day => successes.some(success => success.jobId === job.id && success.tradeDate >= day),
				told: day => this.alerted.has(`${job.id}|${day}`),
			});
			if (missed) {
				// In the job's zone, as its deadline is; the day too when not the deadline's.
				const stamp = (at: number) => `${zonedDate(at, job.timezone) === missed.day ? '' : `${zonedDate(at, job.timezone)} `}${zonedClock(at, job.timezone).slice(0, 5)}`;
				this.tell(watched, missed, now, `; no scheduler was running then (down from ${stamp(watchedUpTo)}, started again ${stamp(now)})`);
				toldNow.add(job.id);
			}
		}

		return toldNow;
	}

	/**
	 * The deadlines are looked at up to `at`: a start after a stop tells those that passed since
	 * (missedWhileDown). Written at once, not queued with the history writes, as the scheduler's alive
	 * stamp is: once a minute, it would pile up in their queue while the database is locked or the disk
	 * full. One that fails is made good by the next; a start that reads one a little old judges a few
	 * more deadlines again, and those told are kept as told.
	 */
	private keepWatchedUpTo(at: number): void {
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

	/**
	 * A deadline that passed before this start with the job's last run, ended that day, not a success and
	 * no success since: the alert went out then (`failed`), so it is still overdue, and the success that
	 * ends it sends `deadline-met`. Not told again: a restart must not repeat the alert. `toldNow`: jobs
	 * whose deadline passed while no scheduler ran, told by this start (missedWhileDown).
	 */
	private overdueBeforeStart(now: number, successes: Array<{jobId: string; tradeDate: string}>, toldNow: ReadonlySet<string>): void {
		for (const watched of this.deps.jobs()) {
			const {job} = watched;
			const end = this.lastEnd.get(job.id);
			if (job.deadlineMinute === undefined || toldNow.has(job.id) || end === undefined || end.status === 'success' || end.status === 'skipped') {
				continue;
			}

			const today = zonedDate(now, job.timezone);
			for (const day of [addDays(today, -1), today]) {
				const deadline = deadlineOn(job, day);
				const tried = (end.finishedAt ?? 0) >= deadline.dayStart;
				const madeUp = successes.some(success => success.jobId === job.id && success.tradeDate >= day);
				if (deadline.at <= now && tried && !madeUp && this.dueOn(watched, deadline)) {
					this.alerted.add(`${job.id}|${day}`);
					this.overdue.set(job.id, {day, at: deadline.at});
				}
			}
		}
	}

	stop(): void {
		this.watching = false;
		this.deps.clock.clearTimeout(this.timer);
		this.timer = undefined;
	}

	/** Jobs past a deadline they have not made up, with its day and instant. */
	get overdueJobs(): ReadonlyMap<string, {day: string; at: number}> {
		return this.overdue;
	}

	started(run: RunRecord): void {
		this.lastStartAt.set(run.jobId, run.startedAt ?? this.deps.clock.now());
	}

	ended(run: RunRecord): void {
		this.lastEnd.set(run.jobId, run);
		if (run.status !== 'success') {
			return;
		}

		const at = run.finishedAt ?? this.deps.clock.now();
		this.lastSuccessAt.set(run.jobId, at);
		const day = this.overdue.get(run.jobId)?.day;
		if (day !== undefined) {
			this.overdue.delete(run.jobId);
			this.keep(run.jobId, undefined);
			this.deps.alert({jobId: run.jobId, kind: 'deadline-met', at, day, runId: run.id, message: `${run.jobId} succeeded after its deadline for ${day} (run ${run.id})`});
			this.deps.changed();
		}
	}

	/** Plans again from now (after a reload or a pause change). */
	arm(): void {
		this.deps.clock.clearTimeout(this.timer);
		this.timer = undefined;
		if (!this.watching) {
			return;
		}

		const now = this.deps.clock.now();
		let earliest = now + maxSleepMs;
		for (const watched of this.deps.jobs()) {
			const next = watched.job.deadlineMinute === undefined ? undefined : this.nextDeadline(watched, now);
			if (next !== undefined && next.at < earliest) {
				earliest = next.at;
			}
		}

		this.timer = this.deps.clock.setTimeout(() => this.wake(), Math.max(earliest - now, 0));
	}

	private wake(): void {
		const now = this.deps.clock.now();
		for (const watched of this.deps.jobs()) {
			if (watched.job.deadlineMinute !== undefined) {
				this.check(watched, now);
			}
		}

		this.checkedUpTo = now;
		this.keepWatchedUpTo(now);
		this.forgetBefore(addDays(zonedDate(now, 'UTC'), -3));
		this.arm();
	}

	/** Days told long ago need not be remembered: only yesterday's and today's deadlines are ever checked. */
	private forgetBefore(day: string): void {
		for (const key of this.alerted) {
			if (key.slice(key.indexOf('|') + 1) < day) {
				this.alerted.delete(key);
			}
		}
	}

	/** Every deadline of the job that passed since the last check (yesterday's too, after a long sleep). */
	private check(watched: WatchedJob, now: number): void {
		const {job} = watched;
		const today = zonedDate(now, job.timezone);
		for (const day of [addDays(today, -1), today]) {
			const deadline = deadlineOn(job, day);
			const key = `${job.id}|${day}`;
			if (deadline.at > now || deadline.at <= this.checkedUpTo || this.alerted.has(key) || !this.dueOn(watched, deadline)) {
				continue;
			}

			if (this.succeeded(job.id, deadline)) {
				continue;
			}

			this.tell(watched, deadline, now);
		}
	}

	/** Tells the deadline missed (`note`: more of why), once: kept as told until the job makes it up. */
	private tell({job}: WatchedJob, deadline: Deadline, now: number, note = ''): void {
		const {day} = deadline;
		this.alerted.add(`${job.id}|${day}`);
		const reason = this.whyMissed(job.id, deadline);
		this.overdue.set(job.id, {day, at: deadline.at});
		this.keep(job.id, {day, at: deadline.at});
		const end = this.lastEnd.get(job.id);
		const detail = reason === 'failed' && end?.error ? ` (${end.error.type}: ${end.error.message})` : '';
		this.deps.alert({
			jobId: job.id, kind: 'deadline-missed', at: now, day, reason, runId: reason === 'never started' ? undefined : end?.id,
			message: `${job.id} has not succeeded by its deadline ${day} ${deadlineClock(job)}: ${reason}${detail}${note}`,
		});
		this.deps.changed();
	}

	private succeeded(jobId: string, deadline: Deadline): boolean {
		const at = this.lastSuccessAt.get(jobId);
		return (at !== undefined && at >= deadline.dayStart && at <= deadline.at) || this.successDays.has(`${jobId}|${deadline.day}`);
	}

	private whyMissed(jobId: string, deadline: Deadline): 'never started' | 'still running' | 'failed' {
		if (this.deps.isLive(jobId)) {
			return 'still running';
		}

		const end = this.lastEnd.get(jobId);
		return (end?.finishedAt ?? 0) >= deadline.dayStart || (this.lastStartAt.get(jobId) ?? 0) >= deadline.dayStart ? 'failed' : 'never started';
	}

	/**
	 * The job was due that day: enabled, not paused, and its schedule fires that day before the deadline.
	 * A job with no schedule of its own (`after:`) is due when one of the jobs it follows is.
	 */
	private dueOn(watched: WatchedJob, deadline: Deadline, seen = new Set<string>()): boolean {
		const {job} = watched;
		if (!job.enabled || watched.paused || this.deps.schedulerPaused() || seen.has(job.id)) {
			return false;
		}

		seen.add(job.id);
		if (job.trigger.kind === 'none') {
			return job.after.some(parent => {
				const parentJob = this.deps.job(parent);
				return parentJob !== undefined && this.dueOn(parentJob, deadline, seen);
			});
		}

		const next = watched.schedule.next(new Date(deadline.dayStart - 1));
		return next !== undefined && next.getTime() < deadline.at;
	}

	private nextDeadline(watched: WatchedJob, after: number): Deadline | undefined {
		const today = zonedDate(after, watched.job.timezone);
		for (let i = 0; i < lookAheadDays; i++) {
			const deadline = deadlineOn(watched.job, addDays(today, i));
			if (deadline.at > after && this.dueOn(watched, deadline)) {
				return deadline;
			}
		}

		return undefined;
	}
}
