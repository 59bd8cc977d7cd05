/**
 * A Redis beyond this machine that asks for no password: whoever reaches its port can queue runs of the
 * workers' jobs with params of their choosing, read runs' params, results and logs, and cancel runs (a
 * worker runs only the jobs its own jobs.yaml defines, worker-job-check.ts, not a command a run carries).
 * Said by the worker at its start and by the console when it links to Redis; nothing is refused (a
 * private network may be meant).
 */
import {isLoopback} from '../config/listen-address.js';
import type {RedisTarget} from './redis-settings.js';

/** The warning for `target`, or undefined when it is on loopback, has a password or a TLS client certificate. */
export function openRedisWarning(target: RedisTarget): string | undefined {
	if (target.password !== undefined || target.tls?.cert !== undefined) {
		return undefined;
	}

	let host: string;
	try {
		host = new URL(target.url).hostname.replace(/^\[(.*)\]$/, '$1');
	} catch {
		return undefined;
	}

	if (isLoopback(host)) {
		return undefined;
	}

	return `Redis at ${target.shown} is reached without a password and not on loopback: whoever reaches its port can queue runs of the workers' jobs with params of their choosing and read their params, results and logs; set requirepass in redis.conf and SAGE_REDIS_PASSWORD (or a 0600 password_file) on the console and every worker`;
}
