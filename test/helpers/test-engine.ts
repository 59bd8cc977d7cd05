import path from 'node:path';
import {afterEach} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {Engine} from '../../src/engine/engine.js';
import type {EngineLogger, LogLine} from '../../src/engine/ports.js';
import type {RunRecord} from '../../src/core/run-record.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {createJobRunner} from '../../src/runner/job-runner.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {ManualClock} from './manual-clock.js';
import {makeTempRoot, testJobs, type TempRoot} from './temp-root.js';

/** Log lines the engine wrote, for assertions. */
export class MemoryLogger implements EngineLogger {
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

export type TestEngine = {
	root: TempRoot;
	engine: Engine;
	store: HistoryStore;
	clock: ManualClock;
	logger: MemoryLogger;
	started: RunRecord[];
	finished: RunRecord[];
	close(): Promise<void>;
	/** Opens a second engine on the same database, as a restart would. */
	restart(at?: number): Promise<TestEngine>;
};

/** A real engine: real SQLite file, real workers and child processes; only the clock is in the test's hand. */
export function makeTestEngine(jobsYaml: string, options: {now?: number; root?: TempRoot; cancelGraceMs?: number} = {}): TestEngine {
	const root = options.root ?? makeTempRoot(testJobs);
	const clock = new ManualClock(options.now ?? Date.parse('2026-11-20T10:00:00+08:00'));
	const config = parseJobsConfig(jobsYaml, 'config/jobs.yaml', root.dir);
	const db = openDatabase(path.join(root.dir, 'data', 'sage.db'));
	const store = new HistoryStore(db);
	const logger = new MemoryLogger();
	const runner = createJobRunner({warmWorkers: 1, cancelGraceMs: options.cancelGraceMs ?? 300});
	const paths = {root: root.dir, data: path.join(root.dir, 'data'), processed: path.join(root.dir, 'data/processed'), features: path.join(root.dir, 'data/features'), reports: path.join(root.dir, 'reports'), logs: path.join(root.dir, 'logs')};
	const engine = new Engine({config, store, runner, clock, logger, calendar: createTradingCalendar(), paths});
	const started: RunRecord[] = [];
	const finished: RunRecord[] = [];
	engine.events.on('run-started', run => started.push(run));
	engine.events.on('run-finished', run => finished.push(run));
	const close = async () => {
		await engine.stop('cancel');
		await runner.close();
		db.close();
	};

	return {
		root, engine, store, clock, logger, started, finished, close,
		async restart(at) {
			await close();
			return makeTestEngine(jobsYaml, {now: at ?? clock.now(), root, cancelGraceMs: options.cancelGraceMs});
		},
	};
}

export function tailText(lines: readonly LogLine[]): string {
	return lines.map(line => line.msg).join('\n');
}

/**
 * Opens test engines that are closed, and their roots removed, after each test (restarted ones too).
 * @returns makeTestEngine, tracked
 */
export function trackTestEngines(): typeof makeTestEngine {
	const open = new Set<TestEngine>();
	afterEach(async () => {
		for (const engine of open) {
			await engine.close();
			engine.root.remove();
		}

		open.clear();
	});
	const track = (engine: TestEngine): TestEngine => {
		open.add(engine);
		const restart = engine.restart;
		engine.restart = async at => {
			open.delete(engine);
			return track(await restart(at));
		};

		return engine;
	};

	return (yaml, options) => track(makeTestEngine(yaml, options));
}
