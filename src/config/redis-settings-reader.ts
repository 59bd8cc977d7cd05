import type {RedisSettings} from '../core/job-definition.js';
import {MapReader} from './map-reader.js';
import {readRedisTls} from './redis-tls-reader.js';
import {databasePathRule, hasDatabasePath, parsedRedisUrl, redisUrlExample} from './redis-url.js';

/**
 * `redis: redis://host:6379/0` or `{url, password_file, tls}`: where runs on workers go. A password in the
 * URL is refused (jobs.yaml is shared and versioned): SAGE_REDIS_PASSWORD or a 0600 password_file.
 * `tls:` (redis-tls-reader.ts) names the PEM files of a `rediss://` URL.
 */
export function readRedis(root: MapReader): RedisSettings | undefined {
	const value = root.value('redis');
	if (value === undefined) {
		return undefined;
	}

	let url: string | undefined;
	let passwordFile: string | undefined;
	let reader: MapReader | undefined;
	if (typeof value === 'string') {
		url = value;
	} else {
		reader = MapReader.of(root.source, root.node('redis')!, 'redis');
		if (!reader) {
			return undefined;
		}

		reader.rejectUnknownKeys(['url', 'password_file', 'tls']);
		url = reader.string('url');
		passwordFile = reader.string('password_file');
		if (url === undefined) {
			root.report('redis', `redis needs a url (${redisUrlExample})`);
			return undefined;
		}
	}

	const parsed = parsedRedisUrl(url);
	if (!parsed) {
		root.report('redis', `redis "${url}" is not a Redis URL (${redisUrlExample})`);
		return undefined;
	}

	if (parsed.password !== '') {
		root.report('redis', 'a Redis password does not belong in jobs.yaml: set SAGE_REDIS_PASSWORD or name a 0600 password_file');
		return undefined;
	}

	if (!hasDatabasePath(parsed)) {
		root.report('redis', `redis "${url}": ${databasePathRule}`);
		return undefined;
	}

	const tls = reader ? readRedisTls(reader, parsed.protocol) : undefined;
	return {url, ...(passwordFile === undefined ? {} : {passwordFile}), ...(tls === undefined ? {} : {tls})};
}
