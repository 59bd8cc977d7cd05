import type {RedisOptions} from 'ioredis';
import type {RedisTarget} from './redis-settings.js';

/**
 * ioredis options for every connection of ours: reconnect for ever (backing off to 2 s), and let a
 * command wait for the reconnect instead of failing after a few tries (`maxRetriesPerRequest: null`,
 * which BullMQ requires of blocking connections anyway): a Redis restart delays a result, never loses it.
 * A `rediss://` URL connects over TLS (ioredis sees the scheme), trusting the target's CA and showing
 * its client certificate when it has them.
 */
export function redisOptions(target: RedisTarget): RedisOptions {
	return {
		...(target.password === undefined ? {} : {password: target.password}),
		...(target.tls === undefined ? {} : {tls: {...target.tls}}),
		maxRetriesPerRequest: null,
		connectTimeout: 5000,
		retryStrategy: (times: number) => Math.min(100 * times, 2000),
	};
}
