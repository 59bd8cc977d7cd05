/**
 * Per job `deadline: "17:30"`: on a day the job was due (deadline-due.ts), it must have succeeded by the
 * deadline, or an alert goes out once, saying why — never started, still running, or failed
 * (deadline-miss-reason.ts). A success after that ends the trouble (`deadline-met`). This is the running
 * watch; the deadlines that passed before a start, while no scheduler ran too, are judged once by that
 * start (deadlines-at-start.ts), and what was told is kept across restarts (deadline-ledger.ts).
 */
import type {RunRecord} from '../core/run-record.js';
import {addDays, zonedDate} from '../time/zoned-time.js';
import {deadlineClock, deadlineOn, type Deadline} from './deadline-day.js';
import {dueOn, nextDeadline} from './deadline-due.js';
import {DeadlineLedger} from './deadline-ledger.js';
import {succeededBy, whyMissed} from './deadline-miss-reason.js';
import {judgeDeadlinesAtStart} from './deadlines-at-start.js';
import type {DeadlineStorePort, WatchDeps, WatchedJob} from './watch-ports.js';

/**
 * Re-plan at least this often, so a wall clock stepped forward past a deadline (an NTP step, a VM or
 * laptop resumed: timers run on the monotonic clock, which stands still while the machine sleeps) is
 * alerted within a minute, not when the wait set before the step runs out (up to the deadline itself).
 */
const maxSleepMs = 60_000;

export class DeadlineWatch {
	private timer: unknown;
	/** Between start() and stop(): a reload or a pause while the scheduler stops sets no timer that would keep its process alive. */
	private watching = false;
	private checkedUpTo = 0;
	private readonly ledger: DeadlineLedger;
	private readonly lastSuccessAt = new Map<string, number>();
	private readonly lastStartAt = new Map<string, number>();
	private readonly lastEnd = new Map<string, RunRecord>();
	/** (job|trade date) pairs that succeeded before this process started. */
	private successDays = new Set<string>();

	/** `store`: where the deadlines told are kept across restarts, written through `write` (none: in memory only). */
	constructor(private readonly deps: WatchDeps, private readonly store?: DeadlineStorePort, write?: (what: string, work: () => void) => void) {
		this.ledger = new DeadlineLedger(store, write);
	}

	/** `lastEnds`: each deadline job's last ended run in history, so a restart knows why a deadline was missed. */
	start(now: number, successes: Array<{jobId: string; tradeDate: string}>, lastEnds: ReadonlyMap<string, RunRecord> = new Map()): void {
		this.successDays = new Set(successes.map(({jobId, tradeDate}) => `${jobId}|${tradeDate}`));
		for (const [jobId, run] of lastEnds) {
			this.lastEnd.set(jobId, run);
		}

		this.checkedUpTo = now;
		this.watching = true;
		judgeDeadlinesAtStart({
			deps: this.deps,
			store: this.store,
			ledger: this.ledger,
			lastEnd: jobId => this.lastEnd.get(jobId),
			tell: (watched, deadline, note) => this.tell(watched, deadline, now, note),
		}, now, successes);
		this.arm();
	}

	stop(): void {
		this.watching = false;
		this.deps.clock.clearTimeout(this.timer);
		this.timer = undefined;
	}

	/** Jobs past a deadline they have not made up, with its day and instant. */
	get overdueJobs(): ReadonlyMap<string, {day: string; at: number}> {
		return this.ledger.overdueJobs;
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
		const day = this.ledger.madeUp(run.jobId);
		if (day !== undefined) {
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
			const next = watched.job.deadlineMinute === undefined ? undefined : nextDeadline(watched, now, this.deps);
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
		this.ledger.keepWatchedUpTo(now);
		this.ledger.forgetBefore(addDays(zonedDate(now, 'UTC'), -3));
		this.arm();
	}

	/** Every deadline of the job that passed since the last check (yesterday's too, after a long sleep). */
	private check(watched: WatchedJob, now: number): void {
		const {job} = watched;
		const today = zonedDate(now, job.timezone);
		for (const day of [addDays(today, -1), today]) {
			const deadline = deadlineOn(job, day);
			if (deadline.at > now || deadline.at <= this.checkedUpTo || this.ledger.wasTold(job.id, day) || !dueOn(watched, deadline, this.deps)) {
				continue;
			}

			if (succeededBy(deadline, this.lastSuccessAt.get(job.id), this.successDays.has(`${job.id}|${day}`))) {
				continue;
			}

			this.tell(watched, deadline, now);
		}
	}

	/** Tells the deadline missed (`note`: more of why), once: kept as told until the job makes it up. */
	private tell({job}: WatchedJob, deadline: Deadline, now: number, note = ''): void {
		const {day} = deadline;
		this.ledger.keepTold(job.id, {day, at: deadline.at});
		const end = this.lastEnd.get(job.id);
		const reason = whyMissed(deadline, {live: this.deps.isLive(job.id), lastEnd: end, lastStartAt: this.lastStartAt.get(job.id)});
		const detail = reason === 'failed' && end?.error ? ` (${end.error.type}: ${end.error.message})` : '';
		this.deps.alert({
			jobId: job.id, kind: 'deadline-missed', at: now, day, reason, runId: reason === 'never started' ? undefined : end?.id,
			message: `${job.id} has not succeeded by its deadline ${day} ${deadlineClock(job)}: ${reason}${detail}${note}`,
		});
		this.deps.changed();
	}
}
