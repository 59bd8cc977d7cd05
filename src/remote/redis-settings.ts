/**
 * How a console or a worker reaches Redis: the URL from jobs.yaml (`redis:`) or `--redis`, the
 * password from SAGE_REDIS_PASSWORD or a password file only its owner may read (0600, refused
 * otherwise; `password_file:` in jobs.yaml or SAGE_REDIS_PASSWORD_FILE) — never from jobs.yaml itself.
 */
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import type {RedisSettings} from '../core/job-definition.js';

/** A Redis setting that cannot be used; its message never contains the password. */
export class RedisSettingsError extends Error {
	override name = 'RedisSettingsError';
}

/** Where to connect, ready for ioredis; `shown` is the URL as logs and the console may print it. */
export type RedisTarget = {url: string; password?: string; shown: string};

/** The URL without user info, as it may appear in a log or on screen. */
export function shownUrl(url: string): string {
	try {
		const parsed = new URL(url);
		parsed.password = '';
		parsed.username = '';
		return parsed.toString().replace(/\/$/, '');
	} catch {
		return '(not a URL)';
	}
}

function readPasswordFile(file: string): string {
	let mode: number;
	try {
		mode = statSync(file).mode & 0o777;
	} catch (error) {
		throw new RedisSettingsError(`Redis password file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message}`);
	}

	if (mode & 0o077) {
		throw new RedisSettingsError(`Redis password file ${file} is readable by others (mode ${mode.toString(8)}): chmod 600 it`);
	}

	return readFileSync(file, 'utf8').trim();
}

/**
 * The connection target for `settings`, relative paths from `root`.
 * @throws RedisSettingsError for a password file that is missing or too open
 */
export function redisTarget(settings: RedisSettings, root: string, env: NodeJS.ProcessEnv = process.env): RedisTarget {
	const file = settings.passwordFile ?? env.SAGE_REDIS_PASSWORD_FILE;
	const password = env.SAGE_REDIS_PASSWORD || (file ? readPasswordFile(path.resolve(root, file)) : undefined);
	return {url: settings.url, ...(password ? {password} : {}), shown: shownUrl(settings.url)};
}
