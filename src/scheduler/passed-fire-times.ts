import type {Schedule} from '../core/triggers/base-schedule.js';

/** More than this many passed fire times are not enumerated (a long outage or clock jump of a per-second job). */
export const maxMissed = 10_000;

/** Fire times in (after, upTo], the first maxMissed of them. */
export function firesIn(schedule: Schedule, after: number, upTo: number): number[] {
	const times: number[] = [];
	for (let next = schedule.next(new Date(after)); next && next.getTime() <= upTo && times.length < maxMissed; next = schedule.next(next)) {
		times.push(next.getTime());
	}

	return times;
}

/** How many fire times are in (after, upTo], counting at most maxMissed (`capped` then). */
export function countFires(schedule: Schedule, after: number, upTo: number): {count: number; capped: boolean} {
	const count = firesIn(schedule, after, upTo).length;
	return {count, capped: count === maxMissed};
}

/**
 * The latest fire time in (after, upTo]: looked for in windows back from upTo, each twice the last, so a
 * per-second schedule over days costs a few windows, not a walk through every second.
 */
export function latestFire(schedule: Schedule, after: number, upTo: number): number | undefined {
	for (let span = 60_000; ; span *= 2) {
		const from = Math.max(after, upTo - span);
		let latest: number | undefined;
		for (let next = schedule.next(new Date(from)); next && next.getTime() <= upTo; next = schedule.next(next)) {
			latest = next.getTime();
		}

		if (latest !== undefined || from === after) {
			return latest;
		}
	}
}
