import type {JobDefinition} from '../core/job-definition.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {Clock} from './clock.js';
import {FireJitter} from './fire-jitter.js';
import {JobSlot} from './job-slot.js';
import type {PreparedSchedules} from './prepared-schedules.js';
import {countFires, latestFire} from './passed-fire-times.js';
import type {JobState} from './ports.js';
import {formatDuration} from '../config/quantities.js';

/**
 * Never sleep longer than this, so a wall-clock jump is noticed within seconds (timers run on the
 * monotonic clock, fire times on the wall clock).
 */
const maxSleepMs = 5000;

/** No schedule fires more often: cron's finest field is the second, and an interval is at least 1 s. */
const minFireIntervalMs = 1000;

/**
 * A fire that is due; its slot has already moved on. `scheduledAt` is the schedule's fire time (a jitter
 * delays the fire, not this); `lateMs` counts from when it was due to start. `coalesced` fire times
 * passed while the scheduler could not fire besides `scheduledAt`, the latest of them.
 */
export type DueFire = {slot: JobSlot; scheduledAt: number; lateMs: number; coalesced: number; /** `coalesced` is a floor: more passed than were counted. */ coalescedCapped?: boolean};

/**
 * The jobs as the scheduler holds them, and the one timer that wakes it for the earliest fire of all.
 */
export class FireTimer {
	private slots = new Map<string, JobSlot>();
	private timer: unknown;
	private armed = false;
	/** The earliest fire the timer is set for (the jump check aside). */
	private wakeAt = Number.POSITIVE_INFINITY;
	private waking = false;
	/** The wall time the timer should wake at: a wake well before it is the clock stepping back. */
	private expectedWake: number | undefined;
	/** The wall clock (and the monotonic one, when the clock has it) when the timer last looked: a wall clock behind it is a step back. */
	private lastLook: {wall: number; monotonic: number | undefined} | undefined;
	/** The whole scheduler is paused: nothing fires on schedule. */
	paused = false;
	private readonly jitter: FireJitter;

	constructor(
		private readonly clock: Clock,
		private calendar: TradingCalendar,
		private readonly onDue: (fires: DueFire[]) => void,
		/** Told once per backward step of the wall clock, with what it says in the log. */
		private readonly onClockBack: (message: string) => void,
		/** Draws each fire's jitter delay (a fraction of the job's `jitter`). @default Math.random */
		random?: () => number,
	) {
		this.jitter = new FireJitter(random);
	}

	/** A re-read config/calendar.yaml: the slots the next rebuild makes use it. */
	useCalendar(calendar: TradingCalendar): void {
		this.calendar = calendar;
	}

	/**
	 * Builds the slots for `jobs`, keeping pause state, last fires and fires due but not yet fired; an
	 * interval without start_date gets an anchor. A scheduled job seen for the first time is owed its
	 * fire times from now on (its last fire is now): one missed while the scheduler is down is caught up
	 * at the next start even if it never fired before, and none from before it was in jobs.yaml.
	 * `prepared`: schedules worked out ahead for these very jobs (a reload's), taken where they still hold.
	 */
	rebuild(jobs: readonly JobDefinition[], states: Map<string, JobState>, now: number, remember: {anchor(jobId: string, at: number): void; firstSeen(jobId: string, at: number): void}, prepared?: PreparedSchedules): void {
		const slots = new Map<string, JobSlot>();
		const ahead = prepared?.calendar === this.calendar ? prepared.byJob : undefined;
		for (const job of jobs) {
			const state = states.get(job.id);
			const kept = ahead?.get(job);
			// Prepared for the anchor history keeps, or for a new interval's: the time it was prepared stands for now.
			const early = kept && (state?.intervalAnchor ?? kept.intervalAnchor) === kept.intervalAnchor ? kept : undefined;
			let anchor = state?.intervalAnchor;
			if (job.trigger.kind === 'interval' && !job.trigger.startDate && anchor === undefined) {
				anchor = early?.intervalAnchor ?? now;
				remember.anchor(job.id, anchor);
			}

			const previous = this.slots.get(job.id);
			let lastFireAt = previous?.lastFireAt ?? state?.lastFireAt;
			if (lastFireAt === undefined && job.trigger.kind !== 'none' && !job.heartbeat) {
				lastFireAt = now;
				remember.firstSeen(job.id, now);
			}

			// jobs.yaml's `paused:` holds until an operator pauses or resumes the job: an edit of it applies, as at a start.
			const byOperator = previous?.pausedByOperator === true || state?.paused !== undefined;
			const paused = byOperator ? previous?.paused ?? state?.paused ?? job.startPaused : job.startPaused;
			const slot = new JobSlot(job, this.calendar, anchor ?? early?.intervalAnchor ?? now, paused, lastFireAt, early);
			slot.pausedByOperator = previous?.pausedByOperator ?? false;
			slot.lastTooLate = previous?.lastTooLate; // Kept across a reload, as the last fire is.
			goOnAfterClockBack(slot, now); // A last fire later than now: the clock went back while the scheduler was down.
			// A fire of a kept job that came due while the thread was busy (this reload, say) still fires.
			const dueUnfired = previous && this.fires(previous) && previous.nextFireAt! <= now ? previous.nextFireAt! : undefined;
			slot.advance(dueUnfired === undefined ? now : dueUnfired - 1, early?.probe);
			slots.set(job.id, slot);
		}

		this.slots = slots;
		this.jitter.keepOnly(new Set(slots.keys()));
	}

	get(jobId: string): JobSlot | undefined {
		return this.slots.get(jobId);
	}

	all(): IterableIterator<JobSlot> {
		return this.slots.values();
	}

	get ids(): string[] {
		return [...this.slots.keys()];
	}

	start(): void {
		this.armed = true;
		this.arm();
	}

	stop(): void {
		this.armed = false;
		this.wakeAt = Number.POSITIVE_INFINITY;
		this.clock.clearTimeout(this.timer);
	}

	/**
	 * Sets the one timer for the earliest fire (or the jump check, whichever is sooner). A step back of the
	 * wall clock since the timer last looked is handled first: set anew from a clock that went back (a
	 * pause or a reload right after an NTP step), the timer would otherwise take the old fire times for
	 * the new clock's and wait out the whole step.
	 */
	arm(): void {
		this.clock.clearTimeout(this.timer);
		if (!this.armed) {
			return;
		}

		if (!this.waking) {
			this.noticeClockBack(this.clock.now(), false);
		}

		let earliest = Number.POSITIVE_INFINITY;
		for (const slot of this.slots.values()) {
			if (this.fires(slot) && this.dueAt(slot) < earliest) {
				earliest = this.dueAt(slot);
			}
		}

		const now = this.clock.now();
		const wait = Math.min(Math.max(earliest - now, 0), maxSleepMs);
		this.expectedWake = now + wait;
		this.wakeAt = earliest;
		this.timer = this.clock.setTimeout(() => this.wake(), wait);
	}

	/**
	 * Fires what is due now, if anything. Called before a run's news is handled (its start, lines,
	 * progress, end), so fires do not wait behind everything that came in before their timer gets its
	 * turn of the event loop.
	 */
	fireIfDue(): void {
		if (this.armed && !this.waking && this.clock.now() >= this.wakeAt) {
			this.wake();
		}
	}

	private fires(slot: JobSlot): boolean {
		return !this.paused && slot.active && slot.nextFireAt !== undefined;
	}

	/** When the slot's next fire is due to start: its fire time, plus its jitter delay if it has one. */
	private dueAt(slot: JobSlot): number {
		return this.jitter.dueAt(slot.job, slot.nextFireAt!);
	}

	private wake(): void {
		this.waking = true;
		const now = this.clock.now();
		this.noticeClockBack(now, true);
		const fires: DueFire[] = [];
		for (const slot of this.slots.values()) {
			if (this.fires(slot) && this.dueAt(slot) <= now) {
				fires.push(this.take(slot, now));
			}
		}

		fires.sort((a, b) => a.scheduledAt - b.scheduledAt);
		try {
			if (fires.length > 0) {
				this.onDue(fires);
			}
		} finally {
			// Next fire times are worked out after the runs are on their way, not before the first fire.
			// They follow the time the fire was due to start: its fire time, or after a jitter delay the
			// delayed start, so times the delay passed are not fired late (APScheduler's CronTrigger
			// searches on from the jittered time too).
			for (const {slot, lateMs, coalesced} of fires) {
				if (coalesced === 0 && lateMs < minFireIntervalMs) {
					slot.advance(now - lateMs);
				}
			}

			this.waking = false;
			this.arm();
		}
	}

	/**
	 * The timers run on the monotonic clock: a wall clock behind the time the monotonic clock says has
	 * passed since the last look (without one: waking at a wall time well before the one the timer was
	 * set for, or any wall time before the last look) is the wall clock stepping back (an NTP correction).
	 * A job that fires more often than the step goes on from the new time (a quote refresh keeps its
	 * rhythm); any other keeps its last fire, so the time it already ran (a daily 16:30) never runs
	 * twice, and it waits less than one of its periods.
	 */
	private noticeClockBack(now: number, atWake: boolean): void {
		const monotonic = this.clock.monotonic?.();
		const last = this.lastLook;
		this.lastLook = {wall: now, monotonic};
		let expected: number | undefined;
		if (last?.monotonic !== undefined && monotonic !== undefined) {
			expected = last.wall + (monotonic - last.monotonic);
		} else {
			expected = atWake ? this.expectedWake : last?.wall;
		}

		const back = expected === undefined ? 0 : expected - now;
		if (back < minFireIntervalMs) {
			return;
		}

		for (const slot of this.slots.values()) {
			goOnAfterClockBack(slot, now);
			slot.advance(now);
		}

		this.onClockBack(`the clock went back ${formatDuration(back)}: jobs that fire more often than that go on from the new time; the others wait for their next fire after the last one, so no fire time runs twice`);
	}

	/**
	 * Marks a due slot as fired. A fire less than a second late cannot have passed another; a later one
	 * (a wall-clock jump, a suspended machine) moves past every time it passed, firing once for them all,
	 * for the latest of them (APScheduler's `coalesce`: the run is for the newest missed time, so a daily
	 * job's run is for today, and its lateness counts from that time).
	 */
	private take(slot: JobSlot, now: number): DueFire {
		const first = slot.nextFireAt!;
		let lateMs = now - this.dueAt(slot);
		slot.lastFireAt = first;
		let coalesced = 0;
		let coalescedCapped = false;
		if (lateMs >= minFireIntervalMs) {
			// The latest is looked for back from now and the times before it counted up to a cap, so days
			// of a per-second schedule are one fire, not a burst of one per 100,000 times walked through.
			const latest = latestFire(slot.schedule, first, now);
			if (latest !== undefined) {
				({count: coalesced, capped: coalescedCapped} = countFires(slot.schedule, first, latest));
				slot.lastFireAt = latest;
				lateMs = now - latest;
			}

			slot.advance(slot.lastFireAt);
		}

		return {slot, scheduledAt: slot.lastFireAt, lateMs, coalesced, ...(coalescedCapped ? {coalescedCapped} : {})};
	}
}

/**
 * A slot whose last fire is later than `now` (the wall clock went back): when waiting for it would skip
 * at least one whole period of its schedule, its last fire is brought back to now and it goes on from
 * the new time; otherwise it keeps it, and waits less than a period rather than fire a time twice.
 */
function goOnAfterClockBack(slot: JobSlot, now: number): void {
	if (slot.lastFireAt === undefined || slot.lastFireAt <= now) {
		return;
	}

	const first = slot.schedule.next(new Date(now));
	const second = first && slot.schedule.next(first);
	if (second && slot.lastFireAt - now >= second.getTime() - first.getTime()) {
		slot.lastFireAt = now;
	}
}
