import type {JobDefinition} from '../core/job-definition.js';
import type {Schedule} from '../core/triggers/base-schedule.js';
import type {JobSlot} from './job-slot.js';
import {countFires, firesIn, latestFire} from './passed-fire-times.js';

/** "1 fire time", "3 fire times": the count with its noun, as the log says it. */
const fireTimes = (count: number) => `${count} fire time${count === 1 ? '' : 's'}`;

/** `missed` counts at most maxMissed (`countCapped` then): a month's outage of a per-second job is not walked through. */
export type CatchUpPlan = {runAt: number[]; missed: number; tooOld: number; countCapped: boolean};

/**
 * Which fire times missed while the process was down run now: `skip` none, `once` the latest,
 * `all` each (the first maxMissed); anything older than `misfire_grace` is dropped. The fire times
 * that may run are looked for from the grace's start, so the latest is found however long the outage.
 */
export function planCatchUp(job: JobDefinition, schedule: Schedule, lastFireAt: number, now: number): CatchUpPlan {
	const {count, capped} = countFires(schedule, lastFireAt, now);
	const grace = job.misfireGraceMs ?? Number.POSITIVE_INFINITY;
	const graceFrom = Math.max(lastFireAt, now - grace);
	const tooOld = graceFrom > lastFireAt ? countFires(schedule, lastFireAt, graceFrom).count : 0;
	const plan = {missed: count, tooOld, countCapped: capped};
	switch (job.catchUp) {
		case 'skip': {
			return {...plan, runAt: []};
		}

		case 'once': {
			const latest = latestFire(schedule, graceFrom, now);
			return {...plan, runAt: latest === undefined ? [] : [latest]};
		}

		case 'all': {
			return {...plan, runAt: firesIn(schedule, graceFrom, now)};
		}
	}
}

export type CatchUpHooks = {
	/** Runs the job for a missed fire time. */
	run(jobId: string, scheduledAt: number): void;
	/** Fire times that will not run (catch_up or misfire_grace). */
	missed(jobId: string, count: number): void;
	/** Keeps the job's last fire in history: the next start counts missed fire times from it. */
	remember(jobId: string, at: number): void;
	say(level: 'info' | 'warn', msg: string, jobId: string): void;
};

/**
 * At start, after a stop: each active job's fire times missed while stopped run as its `catch_up`
 * says, and the job's schedule moves on past them. Heartbeat jobs run nothing. The latest missed time
 * becomes the job's last fire, in history too, whether it ran or not: a second restart before the next
 * fire would otherwise find the old last fire and catch the same times up again.
 */
export function catchUpSlots(slots: Iterable<JobSlot>, now: number, hooks: CatchUpHooks): void {
	for (const slot of slots) {
		if (slot.lastFireAt === undefined || !slot.active || slot.job.heartbeat) {
			continue;
		}

		const plan = planCatchUp(slot.job, slot.schedule, slot.lastFireAt, now);
		if (plan.missed === 0) {
			continue;
		}

		const skipped = plan.missed - plan.runAt.length;
		if (skipped > 0) {
			hooks.missed(slot.job.id, skipped);
		}

		hooks.say(skipped > 0 ? 'warn' : 'info', `${slot.job.id}: ${plan.countCapped ? 'at least ' : ''}${fireTimes(plan.missed)} missed while stopped; catch_up ${slot.job.catchUp} runs ${plan.runAt.length}${plan.tooOld > 0 ? `, ${plan.tooOld} beyond misfire_grace` : ''}`, slot.job.id);
		slot.lastFireAt = Math.max(slot.lastFireAt, latestFire(slot.schedule, slot.lastFireAt, now) ?? slot.lastFireAt, ...plan.runAt);
		hooks.remember(slot.job.id, slot.lastFireAt);
		slot.advance(now);
		for (const at of plan.runAt) {
			hooks.run(slot.job.id, at);
		}
	}
}
