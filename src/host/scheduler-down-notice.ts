/**
 * The header's notice that the scheduler before this start died: the alert's and the log's sentence
 * (scheduler-life.ts) is too long for a header, where it took three rows at 80 columns and lost its end
 * (the runs closed interrupted) to the cut. This one says the same in about two rows: how long the root
 * was down at most, the pid that died, when it was last alive, how it ended, the runs interrupted.
 */
import {formatDuration} from '../config/quantities.js';
import {interruptedRuns, type InterruptedAtStart} from '../notify/scheduler-down-messages.js';
import {wasDownNoticeStart} from '../protocol/snapshot.js';
import type {SchedulerLife} from '../store/scheduler-life-store.js';
import {zonedClock, zonedDate} from '../time/zoned-time.js';


/** How the scheduler before ended, in a header's few words (the alert and the log say it whole). */
function howItEndedBriefly(previous: Pick<SchedulerLife, 'crash' | 'crashes'>, windowMinutes: number): string {
	if (previous.crash === undefined) {
		return 'no clean stop (kill -9, out of memory, crash, power cut)';
	}

	const count = previous.crashes ?? 1;
	return `crashed: ${previous.crash}${count > 1 ? ` (${count} times in ${windowMinutes} min)` : ''}`;
}

/** A moment beside this start: its clock on the start's day, with the day (and year) on another. */
function momentBeside(ms: number, startedAt: number, zone: string): string {
	const day = zonedDate(ms, zone);
	const startDay = zonedDate(startedAt, zone);
	if (day === startDay) {
		return zonedClock(ms, zone);
	}

	return `${day.slice(0, 4) === startDay.slice(0, 4) ? day.slice(5) : day} ${zonedClock(ms, zone)}`;
}

/**
 * `sage-console was down up to 9.1s: pid 1678, last alive 11:55:19, no clean stop (…); 0 runs interrupted`;
 * in a crash loop (`deaths` in the window) `sage-console was down 4 times in 10 min, last up to 2.0s: …`;
 * a service's run closed too: `…; 0 job runs, 1 service run interrupted` (a number alone counts job runs).
 */
export function schedulerDownNotice(previous: SchedulerLife, startedAt: number, interrupted: number | InterruptedAtStart, zone: string, windowMinutes: number, deaths = 1): string {
	const down = formatDuration(Math.max(0, startedAt - previous.aliveAt));
	const runs = `${interruptedRuns(typeof interrupted === 'number' ? {jobs: interrupted, services: 0} : interrupted)} interrupted`;
	const how = deaths > 1 ? `${wasDownNoticeStart} ${deaths} times in ${windowMinutes} min, last up to ${down}` : `${wasDownNoticeStart} up to ${down}`;
	return `${how}: pid ${previous.pid}, last alive ${momentBeside(previous.aliveAt, startedAt, zone)}, ${howItEndedBriefly(previous, windowMinutes)}; ${runs}`;
}
