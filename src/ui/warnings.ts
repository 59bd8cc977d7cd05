import {formatProblem} from '../config/config-problem.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';

/**
 * The header's warning lines, most urgent first: the scheduler gone, this console's own notices, config
 * problems, history write trouble and other notices, the calendar. At most `max` lines; the rest are counted on the last.
 */
export function warningsOf(snapshot: SchedulerSnapshot, gone: string | undefined, max: number, consoleNotices: readonly string[] = []): string[] {
	const all = [
		...(gone ? [`${gone}: this console shows the last state it saw (q to leave)`] : []),
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
