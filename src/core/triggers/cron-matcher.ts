import {Cron} from 'croner';
import {wallRangeEnd, wallRangeStart} from '../../time/civil-calendar.js';
import type {WallMatcher} from './wall-matcher.js';

/**
 * A croner pattern's matches on wall times. croner runs at UTC offset 0, so it sees the wall clock and
 * nothing else: time zones and DST are src/core/triggers/wall-clock-schedule.ts's job, the same for cron
 * strings and APScheduler fields. (With its `timezone` option croner asks Intl on every step: ~120 µs a
 * call here, against ~10 µs at a fixed offset.)
 */
export function cronWallMatcher(pattern: string, domAndDow: boolean): WallMatcher {
	const cron = new Cron(pattern, {paused: true, utcOffset: 0, domAndDow});
	let neverFrom = Number.POSITIVE_INFINITY;
	return {
		nextAfter(wall) {
			if (wall >= neverFrom) {
				return undefined;
			}

			const next = cron.nextRun(new Date(Math.max(wall, wallRangeStart - 1000)))?.getTime();
			if (next === undefined || next >= wallRangeEnd) {
				// croner's own search is bounded (it stops at year 3000); remember the answer, so a schedule
				// that never fires costs that search once.
				neverFrom = Math.min(neverFrom, wall);
				return undefined;
			}

			return next;
		},
	};
}
