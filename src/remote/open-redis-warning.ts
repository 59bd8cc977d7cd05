/**
 * A Redis beyond this machine that asks for no password: whoever reaches its port can queue a run, and a
 * worker runs what a queued run says (a command, a shell script) as its own user. Said by the worker at
 * its start and by the console when it links to Redis; nothing is refused (a private network may be meant).
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

	return `Redis at ${target.shown} is reached without a password and not on loopback: whoever reaches its port can queue a run that a worker executes (any command, as the worker's user); set requirepass in redis.conf and SAGE_REDIS_PASSWORD (or a 0600 password_file) on the console and every worker`;
}
