import type {RunRecord} from '../../core/run-record.js';
import {shortTime} from './history-command.js';

/**
 * What `show` says of a service's run where a job's says its progress (a service has none). A running
 * one: since when its process is up, its pid (as history recorded them), and why it started, its run's
 * message (`manual start`, `restart after exit (backoff 2.0 s)`). An ended one's message is mostly how it
 * ended (`stopped (manual)`): said as a message.
 */
export function serviceRunLines(run: RunRecord, pid: number | undefined, zone: string): string[] {
	if (run.status !== 'running') {
		return [`message     ${run.message ?? '—'}`];
	}

	return [
		`state       up since ${shortTime(run.startedAt, zone)}${pid === undefined ? '' : `, pid ${pid}`}`,
		`reason      ${run.message ?? '—'}`,
	];
}

/**
 * What `show --json` adds for a service's run: `pid`, named as `status --json` names a service's, the
 * process while the run is up (as the text's state line gives it), null once it has ended. A job's run
 * has no such key (its recorded process is the scheduler's).
 */
export function serviceRunJson(run: RunRecord, pid: number | undefined): {pid?: number | null} {
	if (run.trigger !== 'service') {
		return {};
	}

	return {pid: run.status === 'running' ? pid ?? null : null};
}
