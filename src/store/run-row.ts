import type {RunPatch, RunRecord, RunStatus, RunTrigger} from '../core/run-record.js';
import type {ProcessIdentity} from '../executors/executor.js';
import {keptResultJson} from '../core/run-result-cut.js';

/** A `runs` row as SQLite returns it. */
export type RunRow = {
	id: number;
	job_id: string;
	trigger: string;
	status: string;
	scheduled_at: number;
	started_at: number | null;
	finished_at: number | null;
	duration_ms: number | null;
	attempt: number;
	progress: number | null;
	message: string | null;
	error_type: string | null;
	error_message: string | null;
	error_stack: string | null;
	result: string | null;
	log_path: string | null;
	trade_date: string | null;
	pid?: number | null;
	pgid?: number | null;
	proc_start?: number | null;
	worker?: string | null;
	/** JSON; absent in a database from before the column (read by `SELECT *` before its migration). */
	params?: string | null;
	/** Absent, as `params`, in a database from before the columns. */
	over_max_duration_at?: number | null;
	max_duration_ms?: number | null;
	/** Absent, as `params`, in a database from before the column. */
	retry_of?: number | null;
};

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function rowToRun(row: RunRow): RunRecord {
	let result: unknown;
	if (row.result !== null) {
		try {
			result = JSON.parse(row.result);
		} catch {
			result = row.result;
		}
	}

	return {
		id: row.id,
		jobId: row.job_id,
		trigger: row.trigger as RunTrigger,
		status: row.status as RunStatus,
		scheduledAt: row.scheduled_at,
		startedAt: orUndefined(row.started_at),
		finishedAt: orUndefined(row.finished_at),
		durationMs: orUndefined(row.duration_ms),
		attempt: row.attempt,
		progress: orUndefined(row.progress),
		message: orUndefined(row.message),
		error: row.error_type === null && row.error_message === null
			? undefined
			: {type: row.error_type ?? 'Error', message: row.error_message ?? '', stack: orUndefined(row.error_stack)},
		result,
		logPath: orUndefined(row.log_path),
		tradeDate: orUndefined(row.trade_date),
		...(row.worker ? {worker: row.worker} : {}),
		...rowParams(row),
		...(typeof row.retry_of === 'number' ? {retryOf: row.retry_of} : {}),
		...(typeof row.over_max_duration_at === 'number' && typeof row.max_duration_ms === 'number' ? {overMaxDuration: {at: row.over_max_duration_at, maxDurationMs: row.max_duration_ms}} : {}),
	};
}

/** The run's asked-for params; none when its row has none (or from before the column). */
function rowParams(row: RunRow): {params?: Record<string, unknown>} {
	if (typeof row.params !== 'string') {
		return {};
	}

	try {
		return {params: JSON.parse(row.params) as Record<string, unknown>};
	} catch {
		return {};
	}
}

/** A result's column: its JSON, cut as `cutResult` cuts it (history rows stay small and the fire path fast). */
export function serializeResult(result: unknown): string | null {
	if (result === undefined) {
		return null;
	}

	return keptResultJson(result);
}

/** Column → value pairs for an UPDATE from a patch; only the fields the patch names. */
export function patchToColumns(patch: RunPatch & {process?: ProcessIdentity; worker?: string}): Record<string, unknown> {
	const columns: Record<string, unknown> = {};
	const set = (column: string, value: unknown) => {
		columns[column] = value ?? null;
	};

	if ('status' in patch) set('status', patch.status);
	if ('scheduledAt' in patch) set('scheduled_at', patch.scheduledAt);
	if ('startedAt' in patch) set('started_at', patch.startedAt);
	if ('finishedAt' in patch) set('finished_at', patch.finishedAt);
	if ('durationMs' in patch) set('duration_ms', patch.durationMs);
	if ('attempt' in patch) set('attempt', patch.attempt);
	if ('progress' in patch) set('progress', patch.progress);
	if ('message' in patch) set('message', patch.message);
	if ('logPath' in patch) set('log_path', patch.logPath);
	if ('tradeDate' in patch) set('trade_date', patch.tradeDate);
	if ('result' in patch) set('result', serializeResult(patch.result));
	if (patch.process) {
		set('pid', patch.process.pid);
		set('pgid', patch.process.pgid);
		set('proc_start', patch.process.startTicks);
	}

	if (patch.worker !== undefined) set('worker', patch.worker);
	if (patch.overMaxDuration !== undefined) {
		set('over_max_duration_at', patch.overMaxDuration.at);
		set('max_duration_ms', patch.overMaxDuration.maxDurationMs);
	}

	if ('error' in patch) {
		set('error_type', patch.error?.type);
		set('error_message', patch.error?.message);
		set('error_stack', patch.error?.stack);
	}

	return columns;
}

/** The process a run row records, if it ran in one of its own. */
export function rowProcess(row: RunRow): ProcessIdentity | undefined {
	return typeof row.pid === 'number' ? {pid: row.pid, pgid: row.pgid ?? undefined, startTicks: row.proc_start ?? undefined} : undefined;
}
