import {readFileSync} from 'node:fs';
import path from 'node:path';
import type {SchedulerConfig} from '../core/job-definition.js';
import {createTradingCalendar} from '../market/shipped-calendar.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {isValidTimeZone} from '../time/zoned-time.js';
import {byPosition, ConfigError, type ConfigProblem} from './config-problem.js';
import {readHttp} from './http-settings-reader.js';
import {readJobLists} from './job-list-reader.js';
import {checkAfterReferences, checkGroupMembers} from './job-references.js';
import {readRedis} from './redis-settings-reader.js';
import {readSchedulerSettings} from './scheduler-settings-reader.js';
import {readServices} from './service-list-reader.js';
import {MapReader} from './map-reader.js';
import {YamlSource} from './yaml-source.js';

const rootKeys = ['timezone', 'max_parallel', 'queues', 'retention', 'warm_workers', 'idle_workers', 'shutdown', 'shutdown_grace', 'jobs', 'groups', 'http', 'redis', 'services'] as const;

export type JobsConfigOptions = {
	/** The instant a schedule that "never fires" is judged from. @default Date.now() */
	now?: number;
	/** A job's or service's `module:` file not there is no problem: a worker reads what it may run so (worker-own-jobs.ts). @default false */
	moduleFilesOptional?: boolean;
	/**
	 * An absolute `module:` path outside the root is kept, not refused: a worker's read, whose checkout may lie
	 * elsewhere than the console's root the path names; the run's check maps it (worker-job-check.ts). @default false
	 */
	modulesOutsideRoot?: boolean;
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
	if (source.problems.length === 0 && source.root === undefined) {
		// An empty file (a save cut short, a truncating redirect) or one of comments only: no YAML to read.
		throw new ConfigError([{file, line: 1, col: 1, message: 'the file is empty (or only comments): it needs a jobs: list'}]);
	}

	const reader = source.problems.length === 0 ? MapReader.of(source, source.root, 'the top level') : undefined;
	if (!reader) {
		throw new ConfigError(source.problems);
	}

	// `x-…` keys are the file's own (anchors of shared blocks, as in docker-compose files): not read.
	reader.rejectUnknownKeys([...rootKeys, ...reader.keys().filter(key => key.startsWith('x-'))]);
	const settings = readSchedulerSettings(reader);
	const beforeHttp = source.problems.length;
	const http = readHttp(reader);
	const beforeRedis = source.problems.length;
	const redis = readRedis(reader);
	// Each as read when it had no problem of its own: validate checks their files beside the other problems.
	const settingsRead = {
		...(http && beforeRedis === beforeHttp ? {http} : {}),
		...(redis && source.problems.length === beforeRedis ? {redis} : {}),
	};
	const timezone = isValidTimeZone(settings.timezone) ? settings.timezone : 'UTC';
	const {jobs, declared} = readJobLists(reader, {timezone, root, now, calendar: shippedCalendar, moduleFilesOptional: options.moduleFilesOptional, modulesOutsideRoot: options.modulesOutsideRoot});
	checkGroupMembers(jobs, declared);
	checkAfterReferences(jobs, declared);
	const services = readServices(reader, {timezone, root, jobIds: new Set(jobs.map(({job}) => job.id)), moduleFilesOptional: options.moduleFilesOptional});
	for (const {job, reader: jobReader} of jobs) {
		if (job.runOn === 'workers' && !redis && !reader.has('redis')) {
			jobReader.report('run_on', 'run_on: workers needs a top-level redis: URL (redis://host:6379/0)');
		}
	}

	if (source.problems.length > 0) {
		throw new ConfigError(source.problems.sort(byPosition), {warnings: source.warnings.sort(byPosition), missingFiles: source.missingFiles, settings: settingsRead});
	}

	const config = {...settings, jobs: jobs.map(({job}) => job), ...(http ? {http} : {}), ...(redis ? {redis} : {}), ...(services ? {services} : {})};
	return {config, warnings: source.warnings.sort(byPosition)};
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
			? `file not found (root ${root}): run sage-console in the project's folder or give --root DIR (or --config FILE); a new project starts with \`sage-console init\``
			: (error as Error).message;
		throw new ConfigError([{file: displayPath(file), line: 1, col: 1, message: reason}], {cause: error});
	}

	return {...readJobsConfig(text, displayPath(file), root, options), text};
}

/** How problems name the file: relative to the working directory when inside it, else absolute. */
export function displayPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative.startsWith('..') ? file : relative;
}
