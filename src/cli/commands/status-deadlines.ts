/**
 * The text status's line for a job past a deadline it has not made up (the snapshot's `overdue`, as
 * `/v1/jobs` and the `sage_job_overdue` gauge give it), and for a run going on past its job's
 * `max_duration` (its live row's `overMaxDuration`): `!` lines among the warnings at the top, where an
 * operator reading `status` over a phone's SSH sees them first. A heartbeat job's `overdue` (late or
 * down) has its own line (status-heartbeats.ts).
 */
import {formatDuration} from '../../config/quantities.js';
import type {SchedulerSnapshot} from '../../protocol/snapshot.js';
import {printable} from '../../log/printable-text.js';
import {formatZonedIso} from '../../time/zoned-time.js';

/** `! deadline bars missed (2026-12-05), no success since`: one line for each job past its deadline. */
export function deadlineWarningLines(snapshot: SchedulerSnapshot): string[] {
	return snapshot.jobs
		.filter(job => job.heartbeat === undefined && job.overdue !== undefined)
		.map(job => {
			const missed = /^deadline (.*)$/.exec(job.overdue!);
			return missed ? `! deadline ${job.id} ${printable(missed[1]!)}, no success since` : `! ${job.id} ${printable(job.overdue!)}`;
		});
}

/** `! max_duration train: run 42 still running past its 10m since 2026-12-05 10:10:00`: one line for each such run. */
export function maxDurationWarningLines(snapshot: SchedulerSnapshot): string[] {
	return snapshot.live
		.filter(run => run.overMaxDuration !== undefined)
		.map(run => {
			const {at, maxDurationMs} = run.overMaxDuration!;
			return `! max_duration ${run.jobId}: run ${run.runId} still running past its ${formatDuration(maxDurationMs)} since ${formatZonedIso(at, snapshot.scheduler.timezone).slice(0, 19).replace('T', ' ')}`;
		});
}
