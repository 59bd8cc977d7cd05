import type {RunRecord} from '../core/run-record.js';
import type {RunSummary} from './snapshot.js';

/** A run record without its bulk (stack, result, message): what lists and events carry. */
export function summarizeRun(run: RunRecord): RunSummary {
	return {
		id: run.id,
		jobId: run.jobId,
		trigger: run.trigger,
		status: run.status,
		scheduledAt: run.scheduledAt,
		startedAt: run.startedAt,
		finishedAt: run.finishedAt,
		durationMs: run.durationMs,
		attempt: run.attempt,
		error: run.error ? {type: run.error.type, message: run.error.message} : undefined,
		tradeDate: run.tradeDate,
		// A run on workers names its worker (the API's run lists, events); a local run has no such key.
		...(run.worker === undefined ? {} : {worker: run.worker}),
		// A run that went on past its job's max_duration says so, as its live row did (`{at, maxDurationMs}`, epoch ms).
		...(run.overMaxDuration === undefined ? {} : {overMaxDuration: run.overMaxDuration}),
	};
}

/** What started a run, with its attempt when past the first: `retry #3`. */
export function triggerText(run: Pick<RunSummary, 'trigger' | 'attempt'>): string {
	return run.attempt > 1 ? `${run.trigger} #${run.attempt}` : run.trigger;
}
