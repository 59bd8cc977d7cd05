/**
 * A group's run through the scheduler: its members asked for on the same path as any run, their ends
 * (and their retries) waited for, and a member cancelled, or its retry while it waits for the backoff.
 */
import type {RunRecord} from '../core/run-record.js';
import {startGroupRun, type GroupSink} from './group-run.js';
import type {LiveRun} from './live-runs.js';
import {cancelRun, type RunActionParts} from './run-actions.js';
import type {Dispatched} from './run-dispatch.js';
import type {RunSequels} from './run-sequels.js';
import type {SubmitOptions} from './scheduler-deps.js';

export type GroupStartParts = RunActionParts & {
	readonly sequels: RunSequels;
	request(jobId: string, options: SubmitOptions): Dispatched;
	whenFinished(runId: number): Promise<RunRecord | undefined>;
};

export function startGroup(parts: GroupStartParts, live: LiveRun, sink: GroupSink) {
	return startGroupRun({
		submitMember: (jobId, tradeDate) => {
			const dispatched = parts.request(jobId, {trigger: 'group', tradeDate});
			return dispatched.ok ? {ok: true, record: dispatched.record} : {ok: false, reason: dispatched.reason};
		},
		whenFinished: async runId => parts.whenFinished(runId),
		nextAttempt: async runId => parts.sequels.nextAttempt(runId),
		cancelMember: runId => {
			if (!parts.sequels.dropRetry(runId, 'cancelled with its group')) {
				cancelRun(parts, runId);
			}
		},
	}, live.pending.job, live.record.id, live.pending.tradeDate, sink);
}
