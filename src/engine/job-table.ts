import type {TradingCalendar} from '../market/trading-calendar.js';
import {planCatchUp, type CatchUpPlan} from './catch-up.js';
import type {JobDefinition} from '../core/job-definition.js';
import {JobSlot} from './job-slot.js';
import type {Clock, JobState} from './ports.js';

/** Never sleep longer than this, so a wall-clock jump is noticed within seconds (timers run on the monotonic clock). */
const maxTimerMs = 5000;

/** How long before a fire the scheduler gets its quiet moment (see JobTable's `beforeFire`). */
const quietLeadMs = 150;

/**
 * With a clock that can hold the thread, the timer goes off this much before a fire and the rest is
 * waited out on the thread (Clock.holdUntil), so the fire comes on its instant, not a tick late.
 */
const holdLeadMs = 2;

/** No schedule fires more often: cron's finest field is the second, and an interval is at least 1 s. */
const minFireIntervalMs = 1000;

/** One fire that is due: the slot has already moved on to its next time. */
export type DueFire = {slot: JobSlot; scheduledAt: number; lateMs: number; coalesced: number};

/**
 * The jobs as the scheduler holds them (schedule, cached next fire time, pause) and the one timer that
 * wakes the scheduler for the earliest fire of all of them.
 */
export class JobTable {
	private slots = new Map<string, JobSlot>();
	private timer: unknown;
	private quietTimer: unknown;
	private armed = false;
	private wakeAt = Number.POSITIVE_INFINITY;

	/**
	 * @param onDue the fires that are due, their slots already marked as fired
	 * @param beforeFire called about 150 ms before each scheduled fire (when there is that much time): a
	 * moment to tidy up so the fire finds the thread ready
	 */
	constructor(
		private readonly clock: Clock,
		private readonly calendar: TradingCalendar,
		private readonly onDue: (fires: DueFire[], now: number) => void,
		private readonly beforeFire?: () => void,
	) {}

	/** Builds the slots for `jobs`, keeping pause state and last fires; intervals without start_date get an anchor. */
	rebuild(jobs: readonly JobDefinition[], states: Map<string, JobState>, now: number, rememberAnchor: (jobId: string, at: number) => void): void {
		const slots = new Map<string, JobSlot>();
		for (const job of jobs) {
			const state = states.get(job.id);
			let anchor = state?.intervalAnchor;
			if (job.trigger.kind === 'interval' && !job.trigger.startDate && anchor === undefined) {
				anchor = now;
				rememberAnchor(job.id, now);
			}

			const previous = this.slots.get(job.id);
			const slot = new JobSlot(job, this.calendar, anchor ?? now, state?.paused ?? previous?.paused ?? job.startPaused, previous?.lastFireAt ?? state?.lastFireAt);
			slot.advance(now);
			slots.set(job.id, slot);
		}

		this.slots = slots;
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

	/** The fire times each job missed while the process was down, per its catch_up policy; slots move past them. */
	catchUpPlans(now: number): Array<{slot: JobSlot; plan: CatchUpPlan}> {
		const plans: Array<{slot: JobSlot; plan: CatchUpPlan}> = [];
		for (const slot of this.slots.values()) {
			if (slot.lastFireAt === undefined || !slot.job.enabled || slot.paused) {
				continue;
			}

			const plan = planCatchUp(slot.job, slot.schedule, slot.lastFireAt, now);
			if (plan.missed > 0) {
				plans.push({slot, plan});
				slot.lastFireAt = Math.max(slot.lastFireAt, ...plan.runAt);
				slot.advance(now);
			}
		}

		return plans;
	}

	start(): void {
		this.armed = true;
		this.arm();
	}

	stop(): void {
		this.armed = false;
		this.clock.clearTimeout(this.timer);
		this.clock.clearTimeout(this.quietTimer);
	}

	/** Sets the one timer for the earliest fire (or the jump-check interval, whichever is sooner). */
	arm(): void {
		this.clock.clearTimeout(this.timer);
		this.clock.clearTimeout(this.quietTimer);
		if (!this.armed) {
			return;
		}

		let earliest = Number.POSITIVE_INFINITY;
		for (const slot of this.slots.values()) {
			if (slot.firesOnSchedule && slot.nextFireAt! < earliest) {
				earliest = slot.nextFireAt!;
			}
		}

		this.wakeAt = earliest;
		const lead = this.clock.holdUntil ? holdLeadMs : 0;
		const wait = Math.min(Math.max(earliest - this.clock.now() - lead, 0), maxTimerMs);
		this.timer = this.clock.setTimeout(() => this.wake(), wait);
		const untilFire = earliest - this.clock.now();
		if (this.beforeFire && untilFire > quietLeadMs && untilFire <= maxTimerMs) {
			this.quietTimer = this.clock.setTimeout(this.beforeFire, untilFire - quietLeadMs);
		}
	}

	/** When the earliest scheduled fire is due (infinity when none is). */
	get nextWakeAt(): number {
		return this.armed ? this.wakeAt : Number.POSITIVE_INFINITY;
	}

	private wake(): void {
		let now = this.clock.now();
		if (this.clock.holdUntil && this.wakeAt > now && this.wakeAt - now <= holdLeadMs + 1) {
			this.clock.holdUntil(this.wakeAt);
			now = Math.max(this.clock.now(), this.wakeAt);
		}

		const fires = [...this.slots.values()]
			.filter(slot => slot.firesOnSchedule && slot.nextFireAt! <= now)
			.sort((a, b) => a.nextFireAt! - b.nextFireAt!)
			.map(slot => this.take(slot, now));
		try {
			if (fires.length > 0) {
				this.onDue(fires, now);
			}
		} finally {
			// The next fire times of slots that fired on time are worked out once their runs are queued:
			// a hundred schedules cost about a millisecond, which used to come before the first fire.
			for (const {slot, scheduledAt, lateMs} of fires) {
				if (lateMs < minFireIntervalMs) {
					slot.advance(scheduledAt);
				}
			}

			this.arm();
		}
	}

	/**
	 * Marks a due slot as fired. No schedule fires twice within a second, so a fire less than a second
	 * late cannot have passed another (its slot moves on after the fires); a later one (a wall-clock jump,
	 * a blocked loop) moves past every time it passed now, firing once for them, never a burst.
	 */
	private take(slot: JobSlot, now: number): DueFire {
		const scheduledAt = slot.nextFireAt!;
		slot.lastFireAt = scheduledAt;
		const lateMs = now - scheduledAt;
		let coalesced = 0;
		if (lateMs >= minFireIntervalMs) {
			slot.advance(scheduledAt);
			while (slot.nextFireAt !== undefined && slot.nextFireAt <= now && coalesced < 100_000) {
				coalesced++;
				slot.lastFireAt = slot.nextFireAt;
				slot.advance(slot.nextFireAt);
			}
		}

		return {slot, scheduledAt, lateMs, coalesced};
	}
}
