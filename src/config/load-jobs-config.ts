import {readFileSync} from 'node:fs';
import path from 'node:path';
import {isSeq, type Node} from 'yaml';
import {defaultHealthTimeoutMs, type HttpSettings, type JobDefinition, type RedisSettings, type SchedulerConfig} from '../core/job-definition.js';
import {createTradingCalendar} from '../market/shipped-calendar.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {isValidTimeZone} from '../time/zoned-time.js';
import {ConfigError, type ConfigProblem} from './config-problem.js';
import {didYouMean} from './did-you-mean.js';
import {readJob} from './job-reader.js';
import {parseMemorySize} from './quantities.js';
import {readServices} from './service-reader.js';
import {MapReader, YamlSource} from './yaml-source.js';

const rootKeys = ['timezone', 'max_parallel', 'queues', 'retention', 'warm_workers', 'idle_workers', 'shutdown', 'shutdown_grace', 'jobs', 'groups', 'http', 'redis', 'services'] as const;

function readQueueLimits(root: MapReader): Record<string, number> {
	const value = root.value('queues');
	if (value === undefined) {
		return {};
	}

	const limits: Record<string, number> = {};
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		for (const [name, limit] of Object.entries(value)) {
			if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1) {
				limits[name] = limit;
			} else {
				root.report('queues', `queue "${name}" needs a whole-number limit of at least 1`);
			}
		}
	} else {
		root.report('queues', 'queues must map queue names to their limits, e.g. {data: 2}');
	}

	return limits;
}

function readRetention(root: MapReader): SchedulerConfig['retention'] {
	const node = root.node('retention');
	const retention = {runDays: 90, logDays: 30};
	if (node === undefined) {
		return retention;
	}

	const reader = MapReader.of(root.source, node, 'retention');
	if (!reader) {
		return retention;
	}

	reader.rejectUnknownKeys(['runs_days', 'logs_days']);
	retention.runDays = reader.integer('runs_days', 1) ?? retention.runDays;
	retention.logDays = reader.integer('logs_days', 1) ?? retention.logDays;
	return retention;
}

/** `http: {listen, tokens_file, allowed_hosts, metrics_public, body_limit, health_timeout}`; tokens themselves never live here. */
function readHttp(root: MapReader): HttpSettings | undefined {
	const node = root.node('http');
	const reader = node === undefined ? undefined : MapReader.of(root.source, node, 'http');
	if (!reader) {
		return undefined;
	}

	if (reader.has('tokens') || reader.has('token')) {
		reader.reportKey(reader.has('tokens') ? 'tokens' : 'token', 'API tokens do not belong in jobs.yaml: set SAGE_API_TOKENS or name a 0600 tokens_file');
	}

	reader.rejectUnknownKeys(['listen', 'tokens_file', 'allowed_hosts', 'metrics_public', 'body_limit', 'health_timeout', 'tokens', 'token']);
	const listen = reader.string('listen') ?? '127.0.0.1:8470';
	if (!/^(\[[\da-f:.]+\]|[\w.-]+):\d{1,5}$/i.test(listen) || Number(listen.slice(listen.lastIndexOf(':') + 1)) > 65_535) {
		reader.report('listen', `listen "${listen}" must be HOST:PORT, e.g. 127.0.0.1:8470`);
	}

	const bodyLimit = reader.value('body_limit');
	const bodyLimitMb = bodyLimit === undefined ? 1 : parseMemorySize(bodyLimit);
	if (bodyLimitMb === undefined) {
		reader.report('body_limit', `body_limit "${String(bodyLimit)}" is not a size (use 256kb, 1mb)`);
	}

	return {
		listen,
		tokensFile: reader.string('tokens_file'),
		allowedHosts: reader.stringList('allowed_hosts') ?? [],
		metricsPublic: reader.boolean('metrics_public') ?? false,
		bodyLimitBytes: Math.round((bodyLimitMb ?? 1) * 1_048_576),
		healthTimeoutMs: reader.duration('health_timeout', {longestMs: 3_600_000, atLeast: {ms: 2000, text: '2s (the scheduler is asked every few seconds)'}}) ?? defaultHealthTimeoutMs,
	};
}

/**
 * `redis: redis://host:6379/0` or `{url, password_file}`: where runs on workers go. A password in the
 * URL is refused (jobs.yaml is shared and versioned): SAGE_REDIS_PASSWORD or a 0600 password_file.
 */
function readRedis(root: MapReader): RedisSettings | undefined {
	const value = root.value('redis');
	if (value === undefined) {
		return undefined;
	}

	let url: string | undefined;
	let passwordFile: string | undefined;
	if (typeof value === 'string') {
		url = value;
	} else {
		const reader = MapReader.of(root.source, root.node('redis')!, 'redis');
		if (!reader) {
			return undefined;
		}

		reader.rejectUnknownKeys(['url', 'password_file']);
		url = reader.string('url');
		passwordFile = reader.string('password_file');
		if (url === undefined) {
			root.report('redis', 'redis needs a url (redis://host:6379/0)');
			return undefined;
		}
	}

	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}

	if (!parsed || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '') {
		root.report('redis', `redis "${url}" is not a Redis URL (redis://host:6379/0)`);
		return undefined;
	}

	if (parsed.password !== '') {
		root.report('redis', 'a Redis password does not belong in jobs.yaml: set SAGE_REDIS_PASSWORD or name a 0600 password_file');
		return undefined;
	}

	if (!/^(\/\d{0,2})?$/.test(parsed.pathname)) {
		root.report('redis', `redis "${url}": the path is the database number (/0 to /15)`);
		return undefined;
	}

	return {url, ...(passwordFile === undefined ? {} : {passwordFile})};
}

/**
 * Why `id`, which a job's `after` or a group's `members` names, is not there: never declared (with a
 * likely spelling), or declared but refused for a problem reported at its own line.
 */
function missingJob(key: 'after' | 'members', id: string, declared: ReadonlyMap<string, number>): string {
	const line = declared.get(id);
	if (line !== undefined) {
		return `${key} names "${id}", which was not loaded: see its own problem at line ${line}`;
	}

	const suggestion = didYouMean(id, [...declared.keys()]);
	return `${key} names unknown job "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
}

function checkGroupMembers(jobs: Array<{job: JobDefinition; reader: MapReader}>, declared: ReadonlyMap<string, number>): void {
	const plainJobs = new Set(jobs.filter(({job}) => job.target.kind !== 'group').map(({job}) => job.id));
	const groups = new Set(jobs.filter(({job}) => job.target.kind === 'group').map(({job}) => job.id));
	for (const {job, reader} of jobs) {
		if (job.target.kind !== 'group') {
			continue;
		}

		for (const member of job.target.members) {
			if (groups.has(member)) {
				reader.report('members', `group "${job.id}" cannot contain the group "${member}": members are jobs`);
			} else if (!plainJobs.has(member)) {
				reader.report('members', missingJob('members', member, declared));
			}
		}

		const duplicates = job.target.members.filter((member, index, all) => all.indexOf(member) !== index);
		if (duplicates.length > 0) {
			reader.report('members', `members lists "${duplicates[0]}" twice`);
		}
	}
}

function checkReferences(source: YamlSource, jobs: Array<{job: JobDefinition; reader: MapReader}>, declared: ReadonlyMap<string, number>): void {
	const ids = new Set(jobs.map(({job}) => job.id));
	for (const {job, reader} of jobs) {
		for (const parent of job.after) {
			if (!ids.has(parent)) {
				reader.report('after', missingJob('after', parent, declared));
			} else if (parent === job.id) {
				reader.report('after', `job "${job.id}" cannot run after itself`);
			}
		}
	}

	const byId = new Map(jobs.map(entry => [entry.job.id, entry]));
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (id: string, trail: string[]): void => {
		if (state.get(id) === 'done') {
			return;
		}

		if (state.get(id) === 'visiting') {
			const cycle = [...trail.slice(trail.indexOf(id)), id];
			byId.get(id)?.reader.report('after', `after forms a cycle: ${cycle.join(' → ')}`);
			return;
		}

		state.set(id, 'visiting');
		for (const parent of byId.get(id)?.job.after ?? []) {
			if (parent !== id && byId.has(parent)) {
				visit(parent, [...trail, id]);
			}
		}

		state.set(id, 'done');
	};

	for (const id of byId.keys()) {
		visit(id, []);
	}
}

export type JobsConfigOptions = {
	/** The instant a schedule that "never fires" is judged from. @default Date.now() */
	now?: number;
};

/** A loaded config and its warnings: positioned like problems, but the file loads (a schedule that never fires, a DST-shifted date). */
export type JobsConfigReading = {config: SchedulerConfig; warnings: ConfigProblem[]};

/**
 * Parses and validates jobs.yaml text. Throws ConfigError with every problem found;
 * a file with any problem loads nothing.
 */
export function parseJobsConfig(text: string, file: string, root: string, options: JobsConfigOptions = {}): SchedulerConfig {
	return readJobsConfig(text, file, root, options).config;
}

/** parseJobsConfig, with the warnings the file loads with (sorted by position). */
export function readJobsConfig(text: string, file: string, root: string, options: JobsConfigOptions = {}): JobsConfigReading {
	const now = options.now ?? Date.now();
	let calendar: TradingCalendar | undefined;
	const shippedCalendar = () => {
		calendar ??= createTradingCalendar();
		return calendar;
	};
	const source = new YamlSource(file, text);
	const reader = source.problems.length === 0 ? MapReader.of(source, source.root, 'the top level') : undefined;
	if (!reader) {
		throw new ConfigError(source.problems.length > 0 ? source.problems : [{file, line: 1, col: 1, message: 'the file is empty'}]);
	}

	// `x-…` keys are the file's own (anchors of shared blocks, as in docker-compose files): not read.
	reader.rejectUnknownKeys([...rootKeys, ...reader.keys().filter(key => key.startsWith('x-'))]);
	const timezone = reader.string('timezone') ?? 'Asia/Shanghai';
	if (!isValidTimeZone(timezone)) {
		reader.report('timezone', `unknown time zone "${timezone}" (use an IANA name such as Asia/Shanghai)`);
	}

	const maxParallel = reader.integer('max_parallel', 1, 256) ?? 4;
	const warmWorkers = reader.integer('warm_workers', 0, 64) ?? 2;
	const idleWorkers = reader.integer('idle_workers', 0, 1000) ?? 4;
	const queueLimits = readQueueLimits(reader);
	const shutdownMode = reader.oneOf('shutdown', ['wait', 'cancel'] as const) ?? 'wait';
	// A stop that waits longer than a day for live runs is no stop (systemd would have killed it long before).
	const graceMs = reader.duration('shutdown_grace', {allowZero: true, longestMs: 86_400_000});

	const retention = readRetention(reader);
	const http = readHttp(reader);
	const redis = readRedis(reader);
	const jobs: Array<{job: JobDefinition; reader: MapReader}> = [];
	const seen = new Map<string, Node>();
	const readList = (key: 'jobs' | 'groups') => {
		const listNode = reader.node(key);
		// A file may declare services alone.
		if (listNode === undefined && (key === 'groups' || reader.has('services'))) {
			return;
		}

		if (!isSeq(listNode)) {
			source.report(listNode ?? reader.map, `${key} must be a list of ${key === 'jobs' ? 'job' : 'group'} definitions`);
			return;
		}

		for (const item of listNode.items) {
			const itemReader = MapReader.of(source, item, key === 'jobs' ? 'a job' : 'a group');
			const job = itemReader && readJob(itemReader, {timezone: isValidTimeZone(timezone) ? timezone : 'UTC', root, group: key === 'groups', now, calendar: shippedCalendar});
			const idNode = itemReader?.node('id');
			const id = itemReader?.value('id');
			if (typeof id === 'string' && idNode) {
				if (seen.has(id)) {
					source.report(idNode, `duplicate job id "${id}" (first defined at line ${source.lineOf(seen.get(id)!)})`);
				} else {
					seen.set(id, idNode);
				}
			}

			if (job && itemReader) {
				jobs.push({job, reader: itemReader});
			}
		}
	};

	readList('jobs');
	readList('groups');
	const declared = new Map([...seen].map(([id, node]) => [id, source.lineOf(node)]));
	checkGroupMembers(jobs, declared);
	checkReferences(source, jobs, declared);
	const services = readServices(reader, {timezone: isValidTimeZone(timezone) ? timezone : 'UTC', root, jobIds: new Set(jobs.map(({job}) => job.id))});
	for (const {job, reader: jobReader} of jobs) {
		if (job.runOn === 'workers' && !redis && !reader.has('redis')) {
			jobReader.report('run_on', 'run_on: workers needs a top-level redis: URL (redis://host:6379/0)');
		}
	}

	if (source.problems.length > 0) {
		throw new ConfigError(source.problems.sort((a, b) => a.line - b.line || a.col - b.col), {warnings: source.warnings.sort((a, b) => a.line - b.line || a.col - b.col)});
	}

	const config = {timezone, maxParallel, queueLimits, retention, warmWorkers, idleWorkers, shutdown: {mode: shutdownMode, graceMs: graceMs ?? 30_000}, jobs: jobs.map(({job}) => job), ...(http ? {http} : {}), ...(redis ? {redis} : {}), ...(services ? {services} : {})};
	return {config, warnings: source.warnings.sort((a, b) => a.line - b.line || a.col - b.col)};
}

export function loadJobsConfig(file: string, root: string): SchedulerConfig {
	return loadJobsConfigWithText(file, root).config;
}

/** The config, the text it was read from (what a watcher compares later edits with) and its warnings. */
export function loadJobsConfigWithText(file: string, root: string, options: JobsConfigOptions = {}): JobsConfigReading & {text: string} {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT'
			? `file not found (root ${root}): run sage-console in the project's folder or give --root DIR (or --config FILE); a new project starts from the README's config/jobs.yaml example`
			: (error as Error).message;
		throw new ConfigError([{file: path.relative(process.cwd(), file) || file, line: 1, col: 1, message: reason}], {cause: error});
	}

	return {...readJobsConfig(text, displayPath(file), root, options), text};
}

/** How problems name the file: relative to the working directory when inside it, else absolute. */
export function displayPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative.startsWith('..') ? file : relative;
}
