/**
 * Which success in history did the work of a next attempt kept across a restart (the start drops it):
 * one of the same job, trade date and params (its run's asked ones over the job's), asked for after its
 * run and ended after its run failed, as a live scheduler drops only an attempt already waiting when a
 * later run succeeds. One that ended before the failure (a run side by side, concurrency: allow) leaves it.
 */
import {expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import {keptDoneByLaterSuccess} from '../../src/scheduler/retry-made-needless.js';

const run = (id: number, fields: Partial<RunRecord>): RunRecord => ({id, jobId: 'sync', trigger: 'manual', status: 'success', scheduledAt: 0, attempt: 1, tradeDate: '2026-12-04', ...fields});

const failed = run(5, {status: 'failed', finishedAt: 10_000, params: {who: 'ops'}});
const jobParams = {who: 'desk', days: 3};

it('finds a later success with the same trade date and params, ended after the failure', () => {
	const later = run(7, {finishedAt: 20_000, params: {who: 'ops'}});
	expect(keptDoneByLaterSuccess(failed, jobParams, [later])).toBe(later);
	expect(keptDoneByLaterSuccess(failed, jobParams, [run(7, {finishedAt: 20_000, params: {who: 'ops', days: 3}})])?.id).toBe(7);
});

it('leaves the attempt to other params, another trade date, an earlier run, or a success that ended before the failure', () => {
	expect(keptDoneByLaterSuccess(failed, jobParams, [
		run(7, {finishedAt: 20_000}),
		run(8, {finishedAt: 20_000, params: {who: 'ops'}, tradeDate: '2026-12-03'}),
		run(4, {finishedAt: 20_000, params: {who: 'ops'}}),
		run(6, {finishedAt: 9000, params: {who: 'ops'}}),
	])).toBeUndefined();
});
