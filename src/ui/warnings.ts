import {formatProblem} from '../config/config-problem.js';
import {formatDuration} from '../config/quantities.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import {zonedClock} from '../time/zoned-time.js';
import type {Reattaching} from './scheduler-feed.js';

/** The scheduler gone, in words: re-attaching (a console attached to another process), or for good. */
function goneText(gone: string, reattaching: Reattaching | undefined): string {
	if (!reattaching) {
		return `${gone}: this console shows the last state it saw (q to leave)`;
	}

	const who = reattaching.pid === undefined ? 'scheduler' : `scheduler pid ${reattaching.pid}`;
	return `${who} gone since ${zonedClock(reattaching.since, 'Asia/Shanghai')} (${gone}); re-attaching… (grey: as last seen)`;
}

/**
 * No scheduler holds the root at all (its lock free, nothing answering): nothing fires until one
 * starts, by systemd, by hand, or here with `S`.
 */
export const noSchedulerText = 'no scheduler runs this root: nothing fires — press S to start one here';

/**
 * The scheduler stopping (a SIGTERM, systemd's stop): nothing new starts while it waits for its live
 * runs, and it goes away after them; until then the panels look as on any day.
 */
function stoppingText({scheduler}: SchedulerSnapshot): string {
	return `scheduler pid ${scheduler.pid} is stopping: no new runs start; it ends when its live runs do (at most shutdown_grace ${formatDuration(scheduler.shutdownGraceMs)})`;
}

/**
 * The header's warning lines, most urgent first: the scheduler gone or stopping, this console's own notices, config
 * problems, history write trouble and other notices, the calendar. At most `max` lines; the rest are counted on the last.
 */
export function warningsOf(snapshot: SchedulerSnapshot, gone: string | undefined, max: number, consoleNotices: readonly string[] = [], reattaching?: Reattaching): string[] {
	const all = [
		...(gone ? [goneText(gone, reattaching)] : (snapshot.scheduler.stopping ? [stoppingText(snapshot)] : [])),
		...(gone && reattaching?.noScheduler ? [noSchedulerText] : []),
		...consoleNotices,
		...snapshot.configProblems.map(problem => `config not applied: ${formatProblem(problem)}`),
		...snapshot.configWarnings.map(problem => `config: ${formatProblem(problem)}`),
		...snapshot.notices,
		...(snapshot.calendarWarning ? [snapshot.calendarWarning] : []),
	];
	if (all.length <= max) {
		return all;
	}

	return [...all.slice(0, max - 1), `… and ${all.length - max + 1} more (see logs/sage-console.log)`];
}
