/**
 * `sage-console worker --redis URL [--queues a,b] [--concurrency N] [--root DIR]`: carries out runs of
 * `run_on: workers` jobs on this machine, which has the same project checkout as the console. Without
 * flags, Redis and the queues come from ROOT/config/jobs.yaml (its `redis:` and the worker queues of
 * its `run_on: workers` jobs; a queue a change of the file adds is served from then on, without a
 * restart). Whatever the flags, it runs only the `run_on: workers` jobs its own jobs.yaml defines, as
 * that defines them (remote/worker-job-check.ts). SIGTERM (or SIGINT) stops it: runs going may
 * finish within `--grace`, then are given back (ended here, and handed to another worker as their next
 * attempt); a second signal gives them back at once.
 */
import {readdirSync, rmSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {format} from 'node:util';
import {databasePathRule, hasDatabasePath, parsedRedisUrl, redisUrlExample} from '../../config/redis-url.js';
import {parseDuration} from '../../config/quantities.js';
import {createLocalExecutor} from '../../executors/local-executor.js';
import type {AppPaths} from '../../host/paths.js';
import {codeVersion} from '../../host/code-version.js';
import {createProcessLogger, flushProcessLogger, type ProcessLogger} from '../../log/process-logger.js';
import {workerQueueOf} from '../../remote/remote-executor.js';
import {redisTarget, RedisSettingsError, shownUrl} from '../../remote/redis-settings.js';
import {openRedisWarning} from '../../remote/open-redis-warning.js';
import {RemoteWorker, WorkerStartError} from '../../remote/remote-worker.js';
import {WorkerOwnJobs} from '../../remote/worker-own-jobs.js';
import {WorkerQueueNews} from '../../remote/worker-queue-news.js';
import {exitCodes} from '../exit-codes.js';
import {configuredTimeZone} from './configured-time-zone.js';
import {missingProject} from './project-root.js';
import {UsageError} from './usage-error.js';
import {isProcessAlive} from '../../executors/process-alive.js';

export type WorkerFlags = {
	redis?: string;
	queues?: string;
	concurrency?: number;
	grace?: string;
	lockDuration?: string;
	stalledInterval?: string;
};

function duration(text: string | undefined, flag: string, fallback: number): number {
	if (text === undefined) {
		return fallback;
	}

	const ms = parseDuration(text);
	if (ms === undefined || ms <= 0) {
		throw new UsageError(`--${flag} "${text}" is not a duration (use 30s, 2m)`);
	}

	return ms;
}

/**
 * Given --redis and --queues (no setting is then read from jobs.yaml), the root must still be a
 * checkout: a mistyped --root would take runs and fail them all. Said before its jobs.yaml is read.
 */
function checkRoot(paths: AppPaths, flags: WorkerFlags): void {
	if (flags.redis !== undefined && flags.queues !== undefined) {
		const missing = missingProject(paths);
		if (missing !== undefined) {
			throw new UsageError(`--root ${paths.root} is no checkout of the project: ${missing}; give --root the folder of the same checkout as the console's`);
		}
	}
}

/** `text` as a message may show it: without a password it may hold, as a URL's user info is. */
function withoutPassword(text: string): string {
	return URL.canParse(text) ? shownUrl(text) : text.replace(/:[^/@\s]*@/g, ':***@');
}

/** Whether a Redis URL carries a password in its user info (`redis://:secret@host`). */
function passwordIn(text: string): boolean {
	return URL.canParse(text) && new URL(text).password !== '';
}

/** `--redis URL` as jobs.yaml's `redis:` must be (config/redis-url.ts). */
function checkedRedisFlag(text: string): string {
	const parsed = parsedRedisUrl(text);
	if (!parsed) {
		throw new UsageError(`--redis "${withoutPassword(text)}" is not a Redis URL (${redisUrlExample})`);
	}

	if (!hasDatabasePath(parsed)) {
		throw new UsageError(`--redis "${shownUrl(text)}": ${databasePathRule}`);
	}

	return text;
}

/** BullMQ's line for a Redis whose maxmemory-policy is not noeviction (the worker says its own, with what to do). */
const bullmqEvictionLine = /^IMPORTANT! Eviction policy is /;

/**
 * What is written with console.warn and console.error in the worker's own thread (BullMQ says some
 * things so: its eviction-policy line, on each of its connections) goes into the worker's log as JSON
 * lines, as everything else it says, not as bare text among them on stdout.
 */
function consoleIntoLog(logger: ProcessLogger): void {
	Object.assign(globalThis.console, {
		warn(...args: unknown[]) {
			const text = format(...args);
			if (!bullmqEvictionLine.test(text)) {
				logger.warn(text);
			}
		},
		error(...args: unknown[]) {
			logger.error(format(...args));
		},
	});
}

/** Job bundles of this worker process: its own folder (two workers on one checkout never write each other's), stale ones of this host removed. */
function bundleFolder(paths: AppPaths): string {
	const parent = path.join(paths.data, 'cache', 'workers');
	const host = hostname();
	try {
		for (const entry of readdirSync(parent)) {
			const pid = Number(entry.slice(host.length + 1));
			if (entry.startsWith(`${host}-`) && Number.isInteger(pid) && !isProcessAlive(pid)) {
				rmSync(path.join(parent, entry), {recursive: true, force: true});
			}
		}
	} catch {
		// No folder yet.
	}

	return path.join(parent, `${host}-${process.pid}`);
}

export async function workerCommand(paths: AppPaths, flags: WorkerFlags): Promise<number> {
	checkRoot(paths, flags);
	// What it may run: its own checkout's jobs, whatever a run on Redis says (read again when the file
	// changes, said in its log, made below). Read first: a file that does not load stops the start.
	const ownJobs = new WorkerOwnJobs(paths.configFile, paths.root, {
		info: (fields, message) => logger.info(fields, message),
		warn: (fields, message) => logger.warn(fields, message),
		error: (fields, message) => logger.error(fields, message),
	});
	// The settings a flag leaves to jobs.yaml, from the same read (both flags given: none).
	const config = flags.redis !== undefined && flags.queues !== undefined ? undefined : ownJobs.startConfig;
	const url = flags.redis === undefined ? config?.redis?.url : checkedRedisFlag(flags.redis);
	if (url === undefined) {
		throw new UsageError(`give --redis ${redisUrlExample} (or a redis: URL in config/jobs.yaml)`);
	}

	const queues = flags.queues === undefined
		? [...new Set(config?.jobs.filter(job => job.runOn === 'workers').map(job => workerQueueOf(job)))]
		: flags.queues.split(',').map(queue => queue.trim()).filter(queue => queue !== '');
	if (queues.length === 0 || queues.some(queue => !/^[\w-]{1,64}$/.test(queue))) {
		throw new UsageError(queues.length === 0 ? 'no worker queues: give --queues a,b (jobs.yaml has no run_on: workers job)' : `--queues: "${flags.queues}" must be names of letters, digits, _ and -`);
	}

	const concurrency = flags.concurrency ?? 1;
	if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
		throw new UsageError('--concurrency must be a whole number from 1 to 256');
	}

	let target;
	try {
		// The password file and TLS files of jobs.yaml when it was read; SAGE_REDIS_* in the environment otherwise (and over them).
		target = redisTarget({url, ...(config?.redis?.passwordFile ? {passwordFile: config.redis.passwordFile} : {}), ...(config?.redis?.tls ? {tls: config.redis.tls} : {})}, paths.root);
	} catch (error) {
		if (error instanceof RedisSettingsError) {
			throw new UsageError(error.message);
		}

		throw error;
	}

	const graceMs = duration(flags.grace, 'grace', 30_000);
	// Its lines stamped in the zone of the scheduler it serves (the same checkout's jobs.yaml `timezone`).
	const timeZone = configuredTimeZone(paths);
	const logger = createProcessLogger(path.join(paths.logs, 'worker'), {stdout: true, timeZone});
	consoleIntoLog(logger);
	const openRedis = openRedisWarning(target);
	if (openRedis !== undefined) {
		logger.warn({redis: target.shown}, openRedis);
	}

	if (flags.redis !== undefined && passwordIn(flags.redis)) {
		// Taken, but said: it is in the shell's history, in a unit file anyone may read, and in `ps` until the worker names itself.
		logger.warn({redis: target.shown}, '--redis holds a password: it stays in the shell history and in the unit file, and shows in ps for a moment at each start; give it in SAGE_REDIS_PASSWORD or a 0600 file named by SAGE_REDIS_PASSWORD_FILE instead');
	}

	const cacheDir = bundleFolder(paths);
	const worker = new RemoteWorker({
		target,
		paths,
		queues,
		concurrency,
		executor: createLocalExecutor({root: paths.root, spareWorkers: 1, maxIdleWorkers: (): number => worker.slots, cacheDir}),
		logger,
		ownJobs,
		version: codeVersion(),
		timeZone,
		lockDurationMs: duration(flags.lockDuration, 'lock-duration', 30_000),
		stalledIntervalMs: duration(flags.stalledInterval, 'stalled-interval', 30_000),
		onDatabaseRefused(reason) {
			// Nothing more may reach Redis (it would be database 0): no give-back, no last heartbeat.
			logger.error({worker: worker.name, redis: target.shown}, reason);
			rmSync(cacheDir, {recursive: true, force: true});
			flushProcessLogger(logger, true);
			process.exit(exitCodes.failed);
		},
	});
	// Heard from before its start: a signal once it says it takes runs must never find the default (death).
	let signals = 0;
	const stopped = new Promise<void>(resolve => {
		const onSignal = (signal: NodeJS.Signals) => {
			signals += 1;
			if (!worker.takingRuns && signals > 1) {
				// Its start still waits (its queues' Redis went away): it took nothing, so it goes at once.
				logger.info({signal}, 'stopped at once, before it took any run');
				rmSync(cacheDir, {recursive: true, force: true});
				flushProcessLogger(logger, true);
				process.exit(exitCodes.ok);
			}

			logger.info({signal, graceMs}, worker.takingRuns || signals > 1 ? 'stopping: runs going may finish within the grace, then are given back (signal again: at once)' : 'stopping before it took any run');
			worker.stop(graceMs).then(resolve, (error: unknown) => {
				logger.error({err: error}, 'worker did not stop cleanly');
				resolve();
			});
		};

		process.on('SIGTERM', onSignal);
		process.on('SIGINT', onSignal);
	});
	// Queues read from jobs.yaml follow the file: a change that puts a job on a new queue has it served (--queues: as told).
	const queueNews = flags.queues === undefined ? new WorkerQueueNews(ownJobs, queues, logger, worker) : undefined;
	try {
		if (await worker.start()) {
			queueNews?.start();
		}
	} catch (error) {
		if (!(error instanceof WorkerStartError)) {
			throw error;
		}

		// Said in its log (under systemd, the journal) and its exit code; a restart reads the password again.
		logger.error({worker: worker.name, redis: target.shown}, error.message);
		rmSync(cacheDir, {recursive: true, force: true});
		flushProcessLogger(logger, true);
		return exitCodes.failed;
	}

	await stopped;
	queueNews?.stop();
	rmSync(cacheDir, {recursive: true, force: true});
	flushProcessLogger(logger, true);
	// A queue that could not close (Redis away) leaves BullMQ's timers running; the worker is done, so it
	// exits even then (a process that empties its event loop exits sooner, by itself).
	setTimeout(() => {
		process.exit();
	}, 1000).unref();
	return exitCodes.ok;
}
