import {seedRun} from '../helpers/seed-run.js';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {RunStatus} from '../../src/core/run-record.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
});

/** Runs of two jobs, one a second, in the order given (the last is the newest). */
function historyOf(runs: Array<[string, RunStatus]>): HistoryStore {
	root = makeTempRoot();
	const store = new HistoryStore(openDatabase(path.join(root.dir, 'data', 'sage.db')));
	for (const [index, [jobId, status]] of runs.entries()) {
		seedRun(store, {jobId, trigger: 'schedule', status, scheduledAt: 1000 * (index + 1), attempt: 1, tradeDate: '2026-11-20'});
	}

	return store;
}

const described = (store: HistoryStore, query: Parameters<HistoryStore['query']>[0]) => store.query(query).map(run => `${run.jobId} ${run.status} ${run.scheduledAt / 1000}`);

describe("a job's history", () => {
	const store = () => historyOf([
		['bars', 'success'], ['news', 'success'], ['bars', 'failed'], ['bars', 'skipped'], ['news', 'running'], ['bars', 'running'], ['bars', 'queued'],
	]);

	it('lists its ended, running and queued runs together, newest first, and no other job', () => {
		expect(described(store(), {jobId: 'bars'})).toEqual(['bars queued 7', 'bars running 6', 'bars skipped 4', 'bars failed 3', 'bars success 1']);
	});

	it('keeps to the limit across live and ended runs', () => {
		expect(described(store(), {jobId: 'bars', limit: 3})).toEqual(['bars queued 7', 'bars running 6', 'bars skipped 4']);
	});

	it('filters by status (live or ended) and by time', () => {
		const history = store();
		expect(described(history, {jobId: 'bars', status: 'running'})).toEqual(['bars running 6']);
		expect(described(history, {jobId: 'bars', status: 'failed'})).toEqual(['bars failed 3']);
		expect(described(history, {jobId: 'bars', since: 4000})).toEqual(['bars queued 7', 'bars running 6', 'bars skipped 4']);
		expect(described(history, {jobId: 'bars', status: 'success', since: 2000})).toEqual([]);
	});

	it('follows a run from queued to ended', () => {
		const history = store();
		const [queued] = history.query({jobId: 'bars', status: 'queued'});
		history.updateRun(queued!.id, {status: 'success', finishedAt: 8000});
		expect(described(history, {jobId: 'bars', limit: 2})).toEqual(['bars success 7', 'bars running 6']);
		expect(history.successesSince('2026-11-20').map(success => success.jobId).sort()).toEqual(['bars', 'news']);
	});
});
