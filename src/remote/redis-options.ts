import type {RedisOptions} from 'ioredis';
import type {RedisTarget} from './redis-settings.js';

/**
 * ioredis options for every connection of ours: reconnect for ever (backing off to 2 s), and let a
 * command wait for the reconnect instead of failing after a few tries (`maxRetriesPerRequest: null`,
 * which BullMQ requires of blocking connections anyway): a Redis restart delays a result, never loses it.
 */
export function redisOptions(target: RedisTarget): RedisOptions {
	return {
		...(target.password === undefined ? {} : {password: target.password}),
		maxRetriesPerRequest: null,
		connectTimeout: 5000,
		retryStrategy: (times: number) => Math.min(100 * times, 2000),
	};
}
