/**
 * How a console or a worker reaches Redis: the URL from jobs.yaml (`redis:`) or `--redis`, the
 * password from SAGE_REDIS_PASSWORD or a password file only its owner may read (0600, refused
 * otherwise; `password_file:` in jobs.yaml or SAGE_REDIS_PASSWORD_FILE) — never from jobs.yaml itself.
 * With a `rediss://` URL, the TLS files: the CA that signed Redis's certificate and a client
 * certificate with its 0600 key (`redis.tls` in jobs.yaml, or SAGE_REDIS_CA_FILE, SAGE_REDIS_CERT_FILE,
 * SAGE_REDIS_KEY_FILE, which win).
 */
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import type {RedisSettings} from '../core/job-definition.js';

/** A Redis setting that cannot be used; its message never contains the password. */
export class RedisSettingsError extends Error {
	override name = 'RedisSettingsError';

	/** @param key where under `redis:` of jobs.yaml the setting is (`['tls', 'key_file']`); undefined when it came from the environment */
	constructor(message: string, readonly key?: readonly string[]) {
		super(message);
	}
}

/** Where to connect, ready for ioredis; `shown` is the URL as logs and the console may print it. */
export type RedisTarget = {url: string; password?: string; tls?: RedisTls; shown: string};

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

/** What ioredis's `tls` gets beside the `rediss://` URL: the PEM texts, read at the start. */
export type RedisTls = {ca?: string; cert?: string; key?: string};

/** A file named by a setting: its path, and its key under `redis:` in jobs.yaml (undefined: from the environment). */
type NamedFile = {file: string; key?: readonly string[]};

/** The environment's file (it wins: a worker's files may lie elsewhere than the console's), else jobs.yaml's. */
function namedFile(env: NodeJS.ProcessEnv, variable: string, key: readonly string[], fromJobs: string | undefined): NamedFile | undefined {
	if (env[variable]) {
		return {file: env[variable]};
	}

	return fromJobs === undefined ? undefined : {file: fromJobs, key};
}

/** The TLS files of jobs.yaml's `redis.tls`, each overridden by SAGE_REDIS_CA_FILE, …_CERT_FILE, …_KEY_FILE; read once, here. */
function redisTls(settings: RedisSettings, root: string, env: NodeJS.ProcessEnv): RedisTls | undefined {
	const ca = namedFile(env, 'SAGE_REDIS_CA_FILE', ['tls', 'ca_file'], settings.tls?.caFile);
	const cert = namedFile(env, 'SAGE_REDIS_CERT_FILE', ['tls', 'cert_file'], settings.tls?.certFile);
	const key = namedFile(env, 'SAGE_REDIS_KEY_FILE', ['tls', 'key_file'], settings.tls?.keyFile);
	const given = [ca, cert, key].filter(file => file !== undefined);
	if (given.length === 0) {
		return undefined;
	}

	if (!settings.url.startsWith('rediss://')) {
		throw new RedisSettingsError(`Redis TLS files are given (${given.map(file => file.key ? `redis.${file.key.join('.')}` : 'by the environment').join(', ')}) but ${shownUrl(settings.url)} is not a rediss:// URL`, given[0]!.key && ['tls']);
	}

	if (!cert !== !key) {
		throw new RedisSettingsError('Redis TLS: a client certificate goes with its key: give both (redis.tls cert_file and key_file, or SAGE_REDIS_CERT_FILE and SAGE_REDIS_KEY_FILE)', (cert ?? key)!.key);
	}

	return {
		...(ca ? {ca: readFile(root, ca, 'Redis TLS CA file')} : {}),
		...(cert && key ? {cert: readFile(root, cert, 'Redis TLS certificate file'), key: readFile(root, key, 'Redis TLS key file', {private: true})} : {}),
	};
}

/** The file's text; a private one (a password, a TLS key) is refused when others may read it. */
function readFile(root: string, named: NamedFile, what: string, {private: isPrivate = false} = {}): string {
	const file = path.resolve(root, named.file);
	let mode: number;
	try {
		mode = statSync(file).mode & 0o777;
	} catch (error) {
		throw new RedisSettingsError(`${what} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message}`, named.key);
	}

	if (isPrivate && mode & 0o077) {
		throw new RedisSettingsError(`${what} ${file} is readable by others (mode ${mode.toString(8)}): chmod 600 it`, named.key);
	}

	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		throw new RedisSettingsError(`${what} ${file}: ${(error as Error).message}`, named.key);
	}
}

/**
 * The connection target for `settings`, relative paths from `root`; the files are read here, once.
 * @throws RedisSettingsError for a password file or TLS file that is missing or too open, or TLS files with a `redis://` URL
 */
export function redisTarget(settings: RedisSettings, root: string, env: NodeJS.ProcessEnv = process.env): RedisTarget {
	const file: NamedFile | undefined = settings.passwordFile === undefined ? (env.SAGE_REDIS_PASSWORD_FILE ? {file: env.SAGE_REDIS_PASSWORD_FILE} : undefined) : {file: settings.passwordFile, key: ['password_file']};
	const password = env.SAGE_REDIS_PASSWORD || (file ? readFile(root, file, 'Redis password file', {private: true}).trim() : undefined);
	const tls = redisTls(settings, root, env);
	return {url: settings.url, ...(password ? {password} : {}), ...(tls ? {tls} : {}), shown: shownUrl(settings.url)};
}
