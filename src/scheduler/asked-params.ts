/**
 * The params a run was asked for with (`run JOB --param k=v`, the API's `params`): kept with the run
 * (RunRecord.params, its history row), so the operator's `retry RUN` runs the job again with them, as the
 * job's own `retries:` do, also after the scheduler restarted. Without them a health check retried
 * checked the job's default URL and its failure read as recovered. A value asked for that equals the
 * job's default is kept too: the default may change in jobs.yaml before the retry, which must still run
 * with the value the operator asked for.
 */
import {isSecretKey, redactedText} from '../log/redact.js';

/**
 * The params to keep with a run as asked for: all of them, as given (none asked: undefined). A retry of
 * the job's own or a worker's run handed back asks with its run's kept ones (and runs with the params
 * its run ran with), so nothing of the job's own is taken for asked.
 */
export function askedParams(asked: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
	return asked === undefined || Object.keys(asked).length === 0 ? undefined : asked;
}

/**
 * The params a run's next attempt (its job's retry, a worker's run handed back) is asked for with: the
 * names its run was asked for with (`kept`, its record's), each with the value it ran with (`ranWith`),
 * so a secret its record read back from history holds censored keeps its value while this scheduler lives.
 */
export function askedAgain(kept: Record<string, unknown> | undefined, ranWith: Record<string, unknown>): Record<string, unknown> | undefined {
	return kept === undefined ? undefined : Object.fromEntries(Object.entries(kept).map(([key, value]) => [key, key in ranWith ? ranWith[key] : value]));
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
