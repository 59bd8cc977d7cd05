/**
 * Runs another sage-console process recorded and left unfinished while this scheduler runs (a one-off
 * `sage-console run` killed with -9): closed as interrupted as a start closes a dead scheduler's runs
 * (left-runs.ts), told like any other end (clients, the job's failure alert, ping URLs, the metrics)
 * and counted among today's runs.
 */
import {summarizeRun} from '../protocol/run-summary.js';
import {settleLeftRuns} from './left-runs.js';
import type {AbandonedRun} from './ports.js';
import type {StartParts} from './scheduler-start.js';

export type LeftRunsLaterParts = Pick<StartParts, 'deps' | 'state' | 'events' | 'recorder' | 'live' | 'timer' | 'today' | 'say' | 'changed'>;

/** `stoppedBy` says what stopped carrying each run out; `notes` what was done about its processes. */
export function closeLeftRunsLater(parts: LeftRunsLaterParts, runs: readonly AbandonedRun[], notes: ReadonlyMap<number, string>, stoppedBy: (run: AbandonedRun) => string): void {
	const interrupted = settleLeftRuns(runs, parts.deps.clock.now(), notes, undefined, {
		recorder: parts.recorder,
		live: parts.live,
		job: jobId => parts.timer.get(jobId)?.job,
		say: (level, msg, fields) => parts.say(level, msg, fields),
		ended(record, job) {
			parts.events.emit('run-finished', summarizeRun(record));
			if (job) {
				parts.events.emit('run-ended', {record, job, nextAttempt: false});
			}
		},
		timezone: parts.state.config.timezone,
		stoppedBy,
	});
	for (const run of interrupted) {
		parts.today.add(run);
	}

	parts.changed('today');
}
