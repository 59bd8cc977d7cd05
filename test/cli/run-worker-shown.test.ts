import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {runCli} from '../helpers/run-cli.js';
import {seedRun} from '../helpers/seed-run.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const at = Date.parse('2026-12-03T18:00:00+08:00');

/** A project whose history holds a local run (1) and, unless `localOnly`, a run a worker carried out (2). */
function projectWithRuns(localOnly = false): TempRoot {
	root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: sync_bars, trigger: manual, command: ["true"]}\n  - {id: train_model, trigger: manual, command: ["true"]}\n'});
	const db = openDatabase(path.join(root.dir, 'data/sage.db'));
	const store = new HistoryStore(db);
	seedRun(store, {jobId: 'sync_bars', trigger: 'schedule', status: 'success', scheduledAt: at, startedAt: at, finishedAt: at + 61_000, durationMs: 61_000, attempt: 1, tradeDate: '2026-12-03', message: 'wrote 5123 bars'});
	if (!localOnly) {
		// As the scheduler records a run on a worker: queued first, then started with the worker that took it.
		const remote = seedRun(store, {jobId: 'train_model', trigger: 'retry', status: 'queued', scheduledAt: at, attempt: 2, tradeDate: '2026-12-03'});
		store.updateRun(remote.id, {status: 'success', startedAt: at + 1000, finishedAt: at + 3_601_000, durationMs: 3_600_000, worker: 'gpu1:41234', message: 'trained'});
	}

	db.close();
	return root;
}

describe('the worker that carried out a run, in show and history', () => {
	it('show prints the worker of a run on a worker, and no worker line for a local run', () => {
		const {dir} = projectWithRuns();
		const remote = runCli(['show', '2', '--root', dir]);
		expect(remote.code).toBe(0);
		expect(remote.stdout).toMatch(/^worker {6}gpu1:41234$/m);
		const local = runCli(['show', '1', '--root', dir]);
		expect(local.code).toBe(0);
		expect(local.stdout).not.toMatch(/worker/i);
		expect(local.stdout.split('\n').slice(0, 9)).toEqual([
			'run 1  sync_bars  SUCCESS',
			'trigger     schedule (attempt 1)',
			'trade date  2026-12-03',
			'scheduled   12-03 18:00:00',
			'started     12-03 18:00:00',
			'finished    12-03 18:01:01',
			'duration    1m01s',
			'progress    —  wrote 5123 bars',
			'log         —',
		]);
	});

	it('show --json and history --json carry `worker` for a run on a worker only', () => {
		const {dir} = projectWithRuns();
		const shown = JSON.parse(runCli(['show', '2', '--json', '--root', dir]).stdout) as Record<string, unknown>;
		expect(shown.worker).toBe('gpu1:41234');
		const history = JSON.parse(runCli(['history', '--json', '--root', dir]).stdout) as Array<Record<string, unknown>>;
		expect(history.map(run => [run.id, run.worker])).toEqual([[2, 'gpu1:41234'], [1, undefined]]);
		expect(history[0]).toEqual(shown);
		expect(Object.keys(history[1]!)).not.toContain('worker');
	});

	it('history has a WORKER column when a listed run ran on a worker, and keeps its width without one', () => {
		const {dir} = projectWithRuns();
		const rows = runCli(['history', '--root', dir]).stdout.trimEnd().split('\n');
		expect(rows[0]).toMatch(/ {2}DURATION {2}WORKER {6}ERROR \/ MESSAGE$/);
		expect(rows[1]).toMatch(/^2 {4}train_model {2}retry #2 .* 1h00m {5}gpu1:41234 {2}trained$/);
		expect(rows[2]).toMatch(/^1 {4}sync_bars .* 1m01s {5}— {11}wrote 5123 bars$/);

		root!.remove();
		const local = runCli(['history', '--root', projectWithRuns(true).dir]).stdout.trimEnd().split('\n');
		expect(local).toEqual([
			'RUN  JOB        TRIGGER   TRADE DAY   STATUS   SCHEDULED       DURATION  ERROR / MESSAGE',
			'1    sync_bars  schedule  2026-12-03  success  12-03 18:00:00  1m01s     wrote 5123 bars',
		]);
	});
});
