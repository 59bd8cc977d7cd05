import {formatProblem} from '../config/config-problem.js';
import {formatDuration} from '../config/quantities.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import {momentText} from './moment-text.js';
import type {Reattaching} from './scheduler-feed.js';
import type {HeaderWarning} from './warning-rows.js';

/**
 * The scheduler gone, in words: re-attaching (a console attached to another process, or one the
 * scheduler dropped for not reading, or one whose scheduler stopped on purpose), or for good.
 * Since when with its day when that is not `today` (a console left re-attaching over a night).
 */
function goneText(gone: string, reattaching: Reattaching | undefined, today: number, zone: string): string {
	if (!reattaching) {
		return `${gone}: this console shows the last state it saw (q to leave)`;
	}

	const who = reattaching.pid === undefined ? 'scheduler' : `scheduler pid ${reattaching.pid}`;
	if (reattaching.dropped) {
		// The scheduler runs on: it let this console go for not reading (stopped, a frozen pane, a stalled
		// link). The moment is the scheduler's; a console stopped past it reads of it later, and says how much.
		const later = reattaching.heardAt === undefined ? '' : ` (it read again ${formatDuration(Math.round((reattaching.heardAt - reattaching.since) / 1000) * 1000)} later)`;
		return `dropped by ${who} at ${momentText(reattaching.since, today, zone)}: this console stopped reading${later}; re-attaching… (grey: as last seen)`;
	}

	if (reattaching.stopped !== undefined) {
		// Stopped on purpose (a signal, systemd's stop): not a crash; another one may take the root.
		return `${who} stopped${reattaching.stopped ? ` (${reattaching.stopped})` : ''} at ${momentText(reattaching.since, today, zone)}; re-attaching… (grey: as last seen)`;
	}

	return `${who} gone since ${momentText(reattaching.since, today, zone)} (${gone}); re-attaching… (grey: as last seen)`;
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
 * The header's warnings, most urgent first: the scheduler gone or stopping, this console's own notices, config
 * problems, history write trouble and other notices, the calendar. All of them: warning-rows.ts lays them out
 * in the rows the terminal gives and counts the rest. `today` is the console's day (log-days.ts: dayNumberOf), in the scheduler's zone.
 */
export function warningsOf(snapshot: SchedulerSnapshot, gone: string | undefined, today: number, consoleNotices: readonly string[] = [], reattaching?: Reattaching): HeaderWarning[] {
	const notice = (text: string): HeaderWarning => ({text});
	return [
		...(gone ? [goneText(gone, reattaching, today, snapshot.scheduler.timezone)] : (snapshot.scheduler.stopping ? [stoppingText(snapshot)] : [])).map(notice),
		...(gone && reattaching?.noScheduler ? [notice(noSchedulerText)] : []),
		...consoleNotices.map(notice),
		...snapshot.configProblems.map(problem => ({text: `config not applied: ${formatProblem(problem)}`, config: true})),
		...snapshot.configWarnings.map(problem => ({text: `config: ${formatProblem(problem)}`, config: true})),
		...snapshot.notices.map(notice),
		...(snapshot.calendarWarning ? [notice(snapshot.calendarWarning)] : []),
	];
}
