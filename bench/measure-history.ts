import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {resolvePaths} from '../src/host/paths.js';
import {RetentionSweeper} from '../src/host/retention.js';
import {Checkpointer} from '../src/store/checkpointer.js';
import {HistoryStore} from '../src/store/history-store.js';
import {openDatabase} from '../src/store/open-database.js';
import type {Row} from './lib/integrity.js';
import {percentile, round} from './lib/stats.js';

const dayMs = 86_400_000;
const silentLogger = {info() {}, warn() {}, error() {}};

function walSizeMb(file: string): number {
	try {
		return statSync(`${file}-wal`).size / 1_048_576;
	} catch {
		return 0;
	}
}
const statuses = ['success', 'success', 'success', 'success', 'success', 'success', 'success', 'failed', 'timeout', 'skipped'] as const;

function fill(file: string, runs: number, jobs: number, now: number): void {
	const db = openDatabase(file);
	const store = new HistoryStore(db);
	const span = 730 * dayMs;
	db.transaction(() => {
		for (let i = 0; i < runs; i++) {
			const scheduledAt = now - span + Math.floor((i / runs) * span);
			const status = statuses[i % statuses.length]!;
			store.insertRun({
				id: store.nextRunId(), jobId: `job_${i % jobs}`, trigger: 'schedule', status, scheduledAt, startedAt: scheduledAt + 3, finishedAt: scheduledAt + 900,
				durationMs: 897, attempt: 1, progress: 1, message: 'done', logPath: `/logs/jobs/${i}.log`, tradeDate: new Date(scheduledAt).toISOString().slice(0, 10),
				...(status === 'success' || status === 'skipped' ? {} : {error: {type: 'DataFeedError', message: 'feed returned 502', stack: 'DataFeedError: feed returned 502\n    at fetchBars (jobs/x.ts:3:9)'}}),
			});
		}
	})();
	db.close();
}

/** 1,000,000 runs over two years: every query the console and CLI make, on an index, against the sqlite3 CLI as a floor. */
export async function measureHistory(runs: number): Promise<Row[]> {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'sage-bench-history-')), 'sage.db');
	const now = Date.now();
	const jobs = 30;
	const fillStarted = performance.now();
	fill(file, runs, jobs, now);
	const fillSeconds = (performance.now() - fillStarted) / 1000;
	// The fill leaves ~250 MB of dirty pages; on a real box they were written long ago, so let the kernel
	// write them now rather than while the stalls below are timed.
	execFileSync('sync');
	const executed: string[] = [];
	const db = new Database(file, {verbose: sql => executed.push(String(sql))});
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	const store = new HistoryStore(db);
	const today = now - (now % dayMs);
	const queries: Array<{name: string; run: () => unknown}> = [
		{name: "today's outcome counts (console start, midnight)", run: () => store.outcomeCountsSince(today)},
		{name: "today's failures (console start, midnight)", run: () => store.failuresSince(today, 100)},
		{name: 'last_run_per_job (30 jobs)', run: () => store.lastRunsByJob(Array.from({length: jobs}, (_, i) => `job_${i}`))},
		{name: 'history (newest 50)', run: () => store.query({limit: 50})},
		{name: 'history --job', run: () => store.query({jobId: 'job_7', limit: 50})},
		{name: 'history --status failed', run: () => store.query({status: 'failed', limit: 50})},
		{name: 'history --since 7 days', run: () => store.query({since: now - (7 * dayMs), limit: 50})},
		{name: 'show RUN_ID', run: () => store.getRun(Math.floor(runs / 2))},
		{name: 'abandoned runs (start)', run: () => store.abandonedRuns()},
		{name: 'recent successes for chains (start)', run: () => store.successesSince(new Date(now - (10 * dayMs)).toISOString().slice(0, 10))},
		{name: 'next run id', run: () => store.nextRunId()},
	];
	const rows: Row[] = [{metric: 'history_fill', subject: 'sage-console', runs, seconds: round(fillSeconds, 1)}];
	for (const query of queries) {
		executed.length = 0;
		query.run();
		const sql = executed.filter(text => !/^(BEGIN|COMMIT|SAVEPOINT|RELEASE)/i.test(text));
		const times: number[] = [];
		for (let i = 0; i < 20; i++) {
			const started = performance.now();
			query.run();
			times.push(performance.now() - started);
		}

		const plans = sql.filter(text => /^\s*(SELECT|UPDATE|DELETE|INSERT)/i.test(text)).map(text => (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all() as Array<{detail: string}>).map(step => step.detail).join('; '));
		const fullScan = plans.some(plan => /SCAN runs(?! USING)/.test(plan) && !/USING (COVERING )?INDEX/.test(plan));
		let floor = Number.NaN;
		const select = sql.find(text => /^\s*SELECT/i.test(text));
		if (select) {
			const output = execFileSync('sqlite3', [file], {input: `.timer on\n${select};\n${select};\n${select};\n`, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
			const real = [...output.matchAll(/Run Time: real ([\d.]+)/g)].map(match => Number(match[1]) * 1000);
			floor = Math.min(...real);
		}

		rows.push({metric: 'history_query', subject: 'sage-console', query: query.name, p50_ms: round(percentile(times, 50), 2), max_ms: round(Math.max(...times), 2), sqlite3_cli_ms: round(floor, 2), plan: plans.join(' | ').slice(0, 160), full_scan: fullScan ? 'YES' : 'no'});
	}

	const inserts: number[] = [];
	for (let i = 0; i < 2000; i++) {
		const started = performance.now();
		const run = {id: store.nextRunId(), jobId: 'job_1', trigger: 'schedule' as const, status: 'queued' as const, scheduledAt: now + i, attempt: 1};
		store.insertRun(run);
		store.updateRun(run.id, {status: 'running', startedAt: now + i});
		inserts.push(performance.now() - started);
	}

	rows.push({metric: 'history_insert', subject: 'sage-console', p50_ms: round(percentile(inserts, 50), 3), p99_ms: round(percentile(inserts, 99), 3), 'p99.9_ms': round(percentile(inserts, 99.9), 2), max_ms: round(Math.max(...inserts), 2)});
	// A year of retention as the console runs it: the real sweeper in batches, the WAL checkpointed off
	// this thread between them; every batch is a main-thread stall, timed.
	const batches: number[] = [];
	const timedStore = new (class extends HistoryStore {
		override pruneBefore(cutoff: number, batchSize?: number) {
			const started = performance.now();
			try {
				return super.pruneBefore(cutoff, batchSize);
			} finally {
				batches.push(performance.now() - started);
			}
		}
	})(db);
	const checkpointer = new Checkpointer(file);
	let walMaxMb = 0;
	const walWatch = setInterval(() => {
		walMaxMb = Math.max(walMaxMb, walSizeMb(file));
	}, 50);
	const keepRunDays = 365;
	const sweeper = new RetentionSweeper(timedStore, resolvePaths({root: path.dirname(file)}), () => ({runDays: keepRunDays, logDays: keepRunDays}), silentLogger, async () => checkpointer.checkpointNow());
	const pruneStarted = performance.now();
	const {runs: deleted} = await sweeper.sweep(now);
	const pruneSeconds = (performance.now() - pruneStarted) / 1000;
	sweeper.stop();
	clearInterval(walWatch);
	await checkpointer.close();
	rows.push({metric: 'history_prune_year', subject: 'sage-console', deleted, seconds: round(pruneSeconds, 1), batches: batches.length, batch_p50_ms: round(percentile(batches, 50), 1), batch_p99_ms: round(percentile(batches, 99), 1), 'batch_p99.9_ms': round(percentile(batches, 99.9), 1), max_ms: round(Math.max(...batches), 1), wal_max_mb: round(walMaxMb, 1)});
	const checkpointStarted = performance.now();
	db.pragma('wal_checkpoint(PASSIVE)');
	rows.push({metric: 'history_checkpoint', subject: 'sage-console (worker thread)', ms: round(performance.now() - checkpointStarted, 1), note: 'runs off the scheduler thread in sage-console'});
	db.close();
	// A quarter of a gigabyte: not left in the temp folder after every run.
	rmSync(path.dirname(file), {recursive: true, force: true});
	return rows;
}
