/**
 * The params a run was asked for with beyond its job's own (`run JOB --param k=v`, the API's `params`):
 * kept with the run (RunRecord.params, its history row), so the operator's `retry RUN` runs the job
 * again with them, as the job's own `retries:` do, also after the scheduler restarted. Without them a
 * health check retried checked the job's default URL and its failure read as recovered.
 */
import {isSecretKey, redactedText} from '../log/redact.js';

/**
 * The params of `asked` that differ from the job's own (none: undefined). A retry of the job's own or a
 * worker's run taken over asks with the params it ran with, the job's included: only its own are kept.
 */
export function paramsBeyondJob(jobParams: Record<string, unknown>, asked: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
	if (asked === undefined) {
		return undefined;
	}

	const own = Object.entries(asked).filter(([key, value]) => !(key in jobParams) || JSON.stringify(value) !== JSON.stringify(jobParams[key]));
	return own.length === 0 ? undefined : Object.fromEntries(own);
}

/**
 * The params whose secret value history did not keep (a run read back from it): a retry cannot have
 * them. A run still in memory has its values and none is named.
 */
export function paramsWithoutValue(params: Record<string, unknown>): string[] {
	return Object.entries(params).filter(([key, value]) => holdsCensored(value, isSecretKey(key), 0)).map(([key]) => key);
}

function holdsCensored(value: unknown, secret: boolean, depth: number): boolean {
	if (depth > 32) {
		return false;
	}

	if (Array.isArray(value)) {
		return value.some(item => holdsCensored(item, secret, depth + 1));
	}

	if (value !== null && typeof value === 'object') {
		return Object.entries(value).some(([key, item]) => holdsCensored(item, secret || isSecretKey(key), depth + 1));
	}

	return secret && value === redactedText;
}
