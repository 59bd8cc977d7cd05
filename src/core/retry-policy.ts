import type {JobDefinition} from './job-definition.js';
import type {RunStatus} from './run-record.js';

/** The longest wait between attempts, whatever the backoff says. */
const maxRetryDelayMs = 3_600_000;

/** Whether a run that ended so, at this attempt, gets another. Only failures and timeouts are retried. */
export function shouldRetry(job: JobDefinition, status: RunStatus, attempt: number): boolean {
	return (status === 'failed' || status === 'timeout') && attempt <= job.retries;
}

/** Exponential backoff: `retry_backoff` doubled per attempt, capped at an hour. */
export function retryDelayMs(job: JobDefinition, failedAttempt: number): number {
	return Math.min(job.retryBackoffMs * (2 ** (failedAttempt - 1)), maxRetryDelayMs);
}
