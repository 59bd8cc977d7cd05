export const runStatuses = ['queued', 'running', 'success', 'failed', 'timeout', 'cancelled', 'interrupted', 'skipped'] as const;
export type RunStatus = (typeof runStatuses)[number];
export const runTriggers = ['schedule', 'manual', 'retry', 'catch-up', 'chain', 'backfill', 'group', 'service'] as const;
export type RunTrigger = (typeof runTriggers)[number];

/** Statuses that end a run. */
export const finalStatuses: ReadonlySet<RunStatus> = new Set(['success', 'failed', 'timeout', 'cancelled', 'interrupted', 'skipped']);
/** Statuses shown among "failures". */
export const failureStatuses: ReadonlySet<RunStatus> = new Set(['failed', 'timeout', 'interrupted']);

export type RunError = {type: string; message: string; stack?: string};

/** One run as kept in history. Times are epoch milliseconds. */
export type RunRecord = {
	id: number;
	jobId: string;
	trigger: RunTrigger;
	status: RunStatus;
	scheduledAt: number;
	startedAt?: number;
	finishedAt?: number;
	durationMs?: number;
	attempt: number;
	progress?: number;
	message?: string;
	error?: RunError;
	result?: unknown;
	logPath?: string;
	tradeDate?: string;
	/** `host:pid` of the `sage-console worker` that carried it out (`run_on: workers`). */
	worker?: string;
	/**
	 * The params it was asked for with (`run JOB --param`, the API's `params`), kept by its retries, a
	 * value equal to its job's default included (the default may change before a retry); none when it
	 * was asked for with none. History keeps them with secret values
	 * censored (`[redacted]`): a run read back from it cannot be retried with a secret it was given.
	 */
	params?: Record<string, unknown>;
	/** It went on past its job's `max_duration`: when it passed it (epoch ms) and that limit. */
	overMaxDuration?: {at: number; maxDurationMs: number};
	/** The run it is the next attempt of (the job's own `retries:`, the operator's `retry RUN`). */
	retryOf?: number;
};

export type NewRun = Omit<RunRecord, 'id'>;
export type RunPatch = Partial<Omit<RunRecord, 'id' | 'jobId' | 'trigger' | 'params' | 'retryOf'>>;
