/**
 * What a Redis URL must be, wherever it is given (jobs.yaml's `redis:`, a worker's `--redis`):
 * redis:// or rediss://, a host, and a path that is only the database number. One check, so the
 * console and its workers never disagree about a URL.
 */

/** The example every message about a URL gives. */
export const redisUrlExample = 'redis://host:6379/0';

/** What the path of a Redis URL may be, said when it is something else. */
export const databasePathRule = 'the path is the database number (/0 to /15)';

/** `text` parsed, when it is a redis:// or rediss:// URL with a host; undefined otherwise. */
export function parsedRedisUrl(text: string): URL | undefined {
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return undefined;
	}

	return (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') && parsed.hostname !== '' ? parsed : undefined;
}

/** Whether the URL's path is empty or a database number: ioredis takes whatever follows the `/` as one. */
export function hasDatabasePath(url: URL): boolean {
	return /^(\/\d{0,2})?$/.test(url.pathname);
}
