import type {TradingCalendar} from '../market/trading-calendar.js';
import {planCatchUp, type CatchUpPlan} from './catch-up.js';
import type {JobDefinition} from './job-definition.js';
import {JobSlot} from './job-slot.js';
import type {Clock, JobState} from './ports.js';

/** Never sleep longer than this, so a wall-clock jump is noticed within seconds (timers run on the monotonic clock). */
const maxTimerMs = 5000;

/** One fire that is due: the slot has already moved on to its next time. */
export type DueFire = {slot: JobSlot; scheduledAt: number; lateMs: number; coalesced: number};

/**
 * The jobs as the scheduler holds them (schedule, cached next fire time, pause) and the one timer that
 * wakes the scheduler for the earliest fire of all of them.
 */
export class JobTable {
	private slots = new Map<string, JobSlot>();
	private timer: unknown;
	private armed = false;
	private wakeAt = Number.POSITIVE_INFINITY;

	constructor(private readonly clock: Clock, private readonly calendar: TradingCalendar, private readonly onDue: (fires: DueFire[], now: number) => void) {}

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
	}

	/** Sets the one timer for the earliest fire (or the jump-check interval, whichever is sooner). */
	arm(): void {
		this.clock.clearTimeout(this.timer);
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
		const wait = Math.min(Math.max(earliest - this.clock.now(), 0), maxTimerMs);
		this.timer = this.clock.setTimeout(() => this.wake(), wait);
	}

	/** When the earliest scheduled fire is due (infinity when none is). */
	get nextWakeAt(): number {
		return this.armed ? this.wakeAt : Number.POSITIVE_INFINITY;
	}

	private wake(): void {
		const now = this.clock.now();
		const due = [...this.slots.values()]
			.filter(slot => slot.firesOnSchedule && slot.nextFireAt! <= now)
			.sort((a, b) => a.nextFireAt! - b.nextFireAt!)
			.map(slot => this.take(slot, now));
		if (due.length > 0) {
			this.onDue(due, now);
		}

		this.arm();
	}

	private take(slot: JobSlot, now: number): DueFire {
		const scheduledAt = slot.nextFireAt!;
		slot.lastFireAt = scheduledAt;
		slot.advance(scheduledAt);
		let coalesced = 0;
		// A wall-clock jump forward or a blocked loop: fire once for the latest slot, never a burst.
		while (slot.nextFireAt !== undefined && slot.nextFireAt <= now && coalesced < 100_000) {
			coalesced++;
			slot.lastFireAt = slot.nextFireAt;
			slot.advance(slot.nextFireAt);
		}

		return {slot, scheduledAt, lateMs: now - scheduledAt, coalesced};
	}
}
