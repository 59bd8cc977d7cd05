import {isDeepStrictEqual} from 'node:util';
import type {SchedulerConfig} from '../core/job-definition.js';

/** jobs.yaml's settings a running scheduler took at start and keeps: the HTTP API's listener, the link to Redis, the job worker pools. */
const startOnly = {
	http: (config: SchedulerConfig) => config.http,
	redis: (config: SchedulerConfig) => config.redis,
	warm_workers: (config: SchedulerConfig) => config.warmWorkers,
	idle_workers: (config: SchedulerConfig) => config.idleWorkers,
} as const;

/**
 * What a reloaded jobs.yaml changed that applies only at the next start, one line each
 * (`http: changed; it applies at the next start`), measured against the config the scheduler started with.
 */
export function startOnlyChanges(atStart: SchedulerConfig, now: SchedulerConfig): string[] {
	return Object.entries(startOnly)
		.filter(([, read]) => !isDeepStrictEqual(read(atStart), read(now)))
		.map(([key]) => `${key}: changed; it applies at the next start`);
}
