/**
 * `show RUN_ID` with no scheduler running: a failed run's next attempt that a stopped or crashed
 * scheduler kept while it waited for its backoff (the `waiting_retries` row, kept-retries.ts). It runs
 * after the next start, at once when its time has passed by then (retries-at-start.ts), so show says
 * that rather than nothing more to come. Worded as the live one (9e4a9f1's `retry` line and
 * `next_attempt`), minus cancel and retry, which need a running scheduler.
 */
import {formatDuration} from '../../config/quantities.js';
import type {KeptRetry} from '../../scheduler/ports.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {shortTime} from './history-command.js';

export function keptRetryLines({attempt, of, at}: KeptRetry, zone: string, now: number): string[] {
	const when = at > now ? `in ${formatDuration(at - now)}` : `due ${formatDuration(now - at)} ago`;
	return [`retry       attempt ${attempt} of ${of} at ${shortTime(at, zone)} (${when}), kept while no scheduler runs: it runs after the scheduler starts (at once if its time has passed by then)`];
}

/** `next_attempt` as the live scheduler's, with `after_scheduler_start`: nothing runs it until one starts. */
export function keptRetryJson({attempt, at}: KeptRetry, zone: string): Record<string, unknown> {
	return {next_attempt: {attempt, at: formatZonedIso(at, zone), after_scheduler_start: true}};
}
