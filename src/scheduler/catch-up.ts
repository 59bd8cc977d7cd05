import type {JobDefinition} from '../core/job-definition.js';
import type {Schedule} from '../core/triggers/base-schedule.js';

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
