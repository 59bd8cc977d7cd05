/**
 * The text status's line for a job past a deadline it has not made up (the snapshot's `overdue`, as
 * `/v1/jobs` and the `sage_job_overdue` gauge give it): a `!` line among the warnings at the top, where an
 * operator reading `status` over a phone's SSH sees it first. A heartbeat job's `overdue` (late or down)
 * has its own line (status-heartbeats.ts).
 */
import type {SchedulerSnapshot} from '../../protocol/snapshot.js';
import {printable} from '../../log/printable-text.js';

/** `! deadline bars missed (2026-12-05), no success since`: one line for each job past its deadline. */
export function deadlineWarningLines(snapshot: SchedulerSnapshot): string[] {
	return snapshot.jobs
		.filter(job => job.heartbeat === undefined && job.overdue !== undefined)
		.map(job => {
			const missed = /^deadline (.*)$/.exec(job.overdue!);
			return missed ? `! deadline ${job.id} ${printable(missed[1]!)}, no success since` : `! ${job.id} ${printable(job.overdue!)}`;
		});
}
