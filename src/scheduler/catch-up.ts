import type {JobDefinition} from '../core/job-definition.js';
import type {Schedule} from '../core/triggers/base-schedule.js';
import type {JobSlot} from './job-slot.js';

/** More than this many missed fire times are not enumerated (a long outage of a per-second job). */
const maxMissed = 10_000;

export type CatchUpPlan = {runAt: number[]; missed: number; tooOld: number};

/**
 * Which fire times missed while the process was down run now: `skip` none, `once` the latest,
 * `all` each; anything older than `misfire_grace` is dropped.
 */
export function planCatchUp(job: JobDefinition, schedule: Schedule, lastFireAt: number, now: number): CatchUpPlan {
	const missedTimes: number[] = [];
	let cursor = new Date(lastFireAt);
	for (;;) {
		const next = schedule.next(cursor);
		if (!next || next.getTime() > now || missedTimes.length >= maxMissed) {
			break;
		}

		missedTimes.push(next.getTime());
		cursor = next;
	}

	const grace = job.misfireGraceMs ?? Number.POSITIVE_INFINITY;
	const inGrace = missedTimes.filter(at => now - at <= grace);
	const tooOld = missedTimes.length - inGrace.length;
	switch (job.catchUp) {
		case 'skip': {
			return {runAt: [], missed: missedTimes.length, tooOld};
		}

		case 'once': {
			return {runAt: inGrace.slice(-1), missed: missedTimes.length, tooOld};
		}

		case 'all': {
			return {runAt: inGrace, missed: missedTimes.length, tooOld};
		}
	}
}

export type CatchUpHooks = {
	/** Runs the job for a missed fire time. */
	run(jobId: string, scheduledAt: number): void;
	/** Fire times that will not run (catch_up or misfire_grace). */
	missed(jobId: string, count: number): void;
	say(level: 'info' | 'warn', msg: string, jobId: string): void;
};

/**
 * At start, after a stop: each active job's fire times missed while stopped run as its `catch_up`
 * says, and the job's schedule moves on past them. Heartbeat jobs run nothing.
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

		hooks.say(skipped > 0 ? 'warn' : 'info', `${slot.job.id}: ${plan.missed} fire time(s) missed while stopped; catch_up ${slot.job.catchUp} runs ${plan.runAt.length}${plan.tooOld > 0 ? `, ${plan.tooOld} beyond misfire_grace` : ''}`, slot.job.id);
		slot.lastFireAt = Math.max(slot.lastFireAt, ...plan.runAt);
		slot.advance(now);
		for (const at of plan.runAt) {
			hooks.run(slot.job.id, at);
		}
	}
}
