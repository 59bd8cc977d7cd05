import {zoneRules, type ZoneTransition} from '../../time/zone-rules.js';
import type {Schedule} from './schedule.js';
import type {WallMatcher} from './wall-matcher.js';

/**
 * What happens to a wall time that a DST fall-back repeats: `first` fires it once, at its first
 * occurrence (fixed-time schedules); `both` fires it at both (schedules that repeat within the day keep
 * their rhythm through the repeated hour).
 */
export type RepeatedTimeRule = 'first' | 'both';

/** Larger than any offset change in tzdata (Samoa and Kwajalein skipped a whole day). */
const nearTransition = 25 * 3_600_000;

/**
 * Fire times from a wall-time matcher in a zone, with one rule for DST for every schedule style:
 * - a wall time that does not exist (spring-forward gap) fires at the same time read with the offset
 *   before the gap, i.e. moved forward by the gap's length (02:30 in New York's gap fires at 03:30 EDT),
 *   once even when that instant is also a fire time of its own;
 * - a wall time that occurs twice (fall-back) fires as `repeated` says.
 * Every `next` costs a few matcher calls and table lookups, never a walk through the hours.
 */
export function wallClockSchedule(matcher: WallMatcher, timeZone: string, repeated: RepeatedTimeRule): Schedule {
	const zone = zoneRules(timeZone);
	const firstAtOrAfter = (wall: number) => matcher.nextAfter(wall - 1);

	/** The earliest fire instant after `after` that the matched wall time `wall` gives, or undefined. */
	function fireOf(wall: number, after: number): number | undefined {
		const resolved = zone.resolveWall(wall);
		switch (resolved.kind) {
			case 'single': {
				return resolved.at > after ? resolved.at : undefined;
			}

			case 'gap': {
				return resolved.shifted > after ? resolved.shifted : undefined;
			}

			case 'overlap': {
				if (resolved.first > after) {
					return resolved.first;
				}

				return repeated === 'both' && resolved.second > after ? resolved.second : undefined;
			}
		}
	}

	/** Fall-back `t` repeats the wall times [t.at + t.after, t.at + t.before). */
	const isFallBack = (t: ZoneTransition) => t.after < t.before;

	// Once nothing is left after an instant, nothing is left after any later one: answer those at once.
	let neverFrom = Number.POSITIVE_INFINITY;
	return {
		next(afterDate) {
			const after = afterDate.getTime();
			if (after >= neverFrom) {
				return undefined;
			}

			const candidates: number[] = [];
			const consider = (instant: number | undefined) => {
				if (instant !== undefined && instant > after) {
					candidates.push(instant);
				}
			};

			// The wall times after the clock's reading at `after`, in order.
			let wall = matcher.nextAfter(after + zone.offsetAt(after));
			for (let guard = 0; wall !== undefined && guard < 4; guard++) {
				const fire = fireOf(wall, after);
				if (fire !== undefined) {
					consider(fire);
					const resolved = zone.resolveWall(wall);
					if (resolved.kind === 'gap') {
						// A wall time moved forward out of the gap may land after the gap's first real match.
						const afterGap = firstAtOrAfter(resolved.transition.at + resolved.transition.after);
						consider(afterGap === undefined ? undefined : fireOf(afterGap, after));
					}

					break;
				}

				// Only a fixed-time schedule in the second pass of a repeated hour gets here: its times there
				// fired in the first pass. Go on from the end of the repeated hour.
				const overlap = zone.transitionsBetween(after - nearTransition, after + 1).findLast(t => isFallBack(t));
				wall = overlap ? firstAtOrAfter(overlap.at + overlap.before) : undefined;
			}

			// Wall times before the clock's reading that still lie ahead in time.
			for (const t of zone.transitionsBetween(after - nearTransition, after + nearTransition)) {
				if (isFallBack(t) && repeated === 'both' && after >= t.at - (t.before - t.after) && after < t.at) {
					// In the first pass of a repeated hour: the second pass comes after it.
					const again = firstAtOrAfter(t.at + t.after);
					if (again !== undefined && again < t.at + t.before) {
						consider(again - t.after);
					}
				}

				if (!isFallBack(t) && after >= t.at && after < t.at + (t.after - t.before)) {
					// Just after a spring-forward: gap times move forward past `after`.
					const gapWall = matcher.nextAfter(after + t.before);
					if (gapWall !== undefined && gapWall < t.at + t.after) {
						consider(gapWall - t.before);
					}
				}
			}

			if (candidates.length === 0) {
				neverFrom = Math.min(neverFrom, after);
				return undefined;
			}

			return new Date(Math.min(...candidates));
		},
	};
}
