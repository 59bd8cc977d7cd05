import path from 'node:path';
import {afterEach} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import type {LogLine} from '../../src/core/log-line.js';
import type {RunRecord} from '../../src/core/run-record.js';
import type {Executor} from '../../src/executors/executor.js';
import {createLocalExecutor} from '../../src/executors/local-executor.js';
import {FileRunLogNames} from '../../src/host/run-log-names.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import type {RunSummary} from '../../src/protocol/snapshot.js';
import type {SchedulerLogger} from '../../src/scheduler/ports.js';
import {Scheduler} from '../../src/scheduler/scheduler.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {ManualClock} from './manual-clock.js';
import {makeTempRoot, testJobs, type TempRoot} from './temp-root.js';

/** Log lines the scheduler wrote, for assertions. */
export class MemoryLogger implements SchedulerLogger {
	readonly lines: Array<{level: string; msg: string; fields: Record<string, unknown>}> = [];
	info(fields: Record<string, unknown>, msg: string) {
		this.lines.push({level: 'info', msg, fields});
	}

	warn(fields: Record<string, unknown>, msg: string) {
		this.lines.push({level: 'warn', msg, fields});
	}

	error(fields: Record<string, unknown>, msg: string) {
		this.lines.push({level: 'error', msg, fields});
	}
}

export type TestScheduler = {
	root: TempRoot;
	scheduler: Scheduler;
	store: HistoryStore;
	clock: ManualClock;
	logger: MemoryLogger;
	started: RunSummary[];
	finished: RunSummary[];
	/** Whole records of ended runs, as the scheduler told them. */
	ended: RunRecord[];
	/** A run's row as history has it, once every write so far is committed. */
	stored(runId: number): Promise<RunRecord | undefined>;
	close(): Promise<void>;
	/** Opens a second scheduler on the same database, as a restart would (with another jobs.yaml, if given). */
	restart(at?: number, jobsYaml?: string): Promise<TestScheduler>;
};

/** A real scheduler: real SQLite file, real workers and child processes; only the clock is in the test's hand. */
export function makeTestScheduler(jobsYaml: string, options: {now?: number; root?: TempRoot; cancelGraceMs?: number; executor?: (local: Executor) => Executor} = {}): TestScheduler {
	const root = options.root ?? makeTempRoot(testJobs);
	const clock = new ManualClock(options.now ?? Date.parse('2026-11-20T10:00:00+08:00'));
	const config = parseJobsConfig(jobsYaml, 'config/jobs.yaml', root.dir);
	const db = openDatabase(path.join(root.dir, 'data', 'sage.db'));
	const store = new HistoryStore(db);
	const logger = new MemoryLogger();
	const local = createLocalExecutor({root: root.dir, spareWorkers: 1, cancelGraceMs: options.cancelGraceMs ?? 300});
	// A test may look at what each start sees (history as another process reads it) before the real start.
	const executor = options.executor?.(local) ?? local;
	const paths = {root: root.dir, data: path.join(root.dir, 'data'), processed: path.join(root.dir, 'data/processed'), features: path.join(root.dir, 'data/features'), reports: path.join(root.dir, 'reports'), logs: path.join(root.dir, 'logs')};
	const scheduler: Scheduler = new Scheduler({
		config, history: store, executor, clock, logger, calendar: createTradingCalendar(), paths,
		runLogs: new FileRunLogNames(path.join(paths.logs, 'jobs'), () => scheduler.currentConfig.timezone),
		info: {pid: process.pid, root: root.dir, version: 'test'},
	});
	const started: RunSummary[] = [];
	const finished: RunSummary[] = [];
	const ended: RunRecord[] = [];
	scheduler.events.on('run-started', run => started.push(run));
	scheduler.events.on('run-finished', run => finished.push(run));
	scheduler.events.on('run-ended', ({record}) => ended.push(record));
	const close = async () => {
		await scheduler.stop('cancel');
		await executor.close();
		db.close();
	};

	return {
		root, scheduler, store, clock, logger, started, finished, ended, close,
		async stored(runId) {
			await scheduler.historyWritten();
			return store.getRun(runId);
		},
		async restart(at, nextJobsYaml) {
			await close();
			return makeTestScheduler(nextJobsYaml ?? jobsYaml, {now: at ?? clock.now(), root, cancelGraceMs: options.cancelGraceMs});
		},
	};
}

export function tailText(lines: readonly LogLine[]): string {
	return lines.map(line => line.msg).join('\n');
}

/**
 * Opens test schedulers that are closed, and their roots removed, after each test (restarted ones too).
 * @returns makeTestScheduler, tracked
 */
export function trackTestSchedulers(): typeof makeTestScheduler {
	const open = new Set<TestScheduler>();
	afterEach(async () => {
		for (const scheduler of open) {
			await scheduler.close();
			scheduler.root.remove();
		}

		open.clear();
	});
	const track = (scheduler: TestScheduler): TestScheduler => {
		open.add(scheduler);
		const restart = scheduler.restart;
		scheduler.restart = async at => {
			open.delete(scheduler);
			return track(await restart(at));
		};

		return scheduler;
	};

	return (yaml, options) => track(makeTestScheduler(yaml, options));
}
