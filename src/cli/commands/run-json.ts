import type {RunRecord} from '../../core/run-record.js';
import {formatZonedIso} from '../../time/zoned-time.js';

/**
 * A run as `history --json` and `show --json` print it: snake_case, ISO-8601 times with offset.
 * `worker` (`host:pid`) only for a run a `sage-console worker` carried out, as in `status --json`;
 * `params` what it was asked for with (`run --param`, a value equal to its job's default included), secret values censored, or null;
 * `over_max_duration` `{at, max_duration_ms}` only for a run that went on past its job's `max_duration`
 * (`status --json`'s `overMaxDuration` of the running run, in this output's snake_case).
 */
export function runToJson(run: RunRecord, timeZone: string): Record<string, unknown> {
	const iso = (ms: number | undefined) => (ms === undefined ? null : formatZonedIso(ms, timeZone));
	return {
		id: run.id,
		job_id: run.jobId,
		trigger: run.trigger,
		status: run.status,
		scheduled_at: iso(run.scheduledAt),
		started_at: iso(run.startedAt),
		finished_at: iso(run.finishedAt),
		duration_ms: run.durationMs ?? null,
		attempt: run.attempt,
		progress: run.progress ?? null,
		message: run.message ?? null,
		error_type: run.error?.type ?? null,
		error_message: run.error?.message ?? null,
		error_stack: run.error?.stack ?? null,
		result: run.result ?? null,
		log_path: run.logPath ?? null,
		trade_date: run.tradeDate ?? null,
		params: run.params ?? null,
		...(run.worker ? {worker: run.worker} : {}),
		...(run.overMaxDuration ? {over_max_duration: {at: iso(run.overMaxDuration.at), max_duration_ms: run.overMaxDuration.maxDurationMs}} : {}),
	};
}
