import {isMap, isScalar, parseDocument, LineCounter, type Node} from 'yaml';
import type {ConfigProblem} from '../../config/config-problem.js';
import type {RedisSettings} from '../../core/job-definition.js';
import {redisTarget, RedisSettingsError} from '../../remote/redis-settings.js';

/** Where `redis.<key…>` is written in jobs.yaml (its key), else `redis:` itself, else the file's start. */
function redisKeyPosition(jobsText: string, key: readonly string[] | undefined): {line: number; col: number} {
	const lines = new LineCounter();
	let node = parseDocument(jobsText, {lineCounter: lines}).get('redis', true) as Node | undefined;
	let offset = node?.range?.[0];
	for (const part of key ?? []) {
		const pair = isMap(node) ? node.items.find(item => isScalar(item.key) && item.key.value === part) : undefined;
		if (!isScalar(pair?.key)) {
			break;
		}

		offset = pair.key.range?.[0] ?? offset;
		node = pair.value as Node | undefined;
	}

	return offset === undefined || key === undefined ? {line: 1, col: 1} : lines.linePos(offset);
}

/**
 * The files `redis:` names as the scheduler and a worker read them when they connect: the password
 * file and the TLS files (jobs.yaml's, or SAGE_REDIS_* of the environment, which win) must be there
 * and the password and TLS key files 0600. A file that would stop runs on workers is a problem of
 * jobs.yaml, placed at its key (at the file's start when the environment named it).
 */
export function checkRedisSettings(redis: RedisSettings | undefined, root: string, jobsFile: string, jobsText: string): ConfigProblem[] {
	if (!redis) {
		return [];
	}

	try {
		redisTarget(redis, root);
		return [];
	} catch (error) {
		if (!(error instanceof RedisSettingsError)) {
			throw error;
		}

		return [{file: jobsFile, ...redisKeyPosition(jobsText, error.key), message: `${error.message}; runs on workers cannot start`}];
	}
}
