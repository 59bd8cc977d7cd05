import {describe, expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import {endOf} from '../../src/scheduler/run-end.js';

const running: RunRecord = {id: 7, jobId: 'sync_daily_bars', trigger: 'schedule', status: 'running', scheduledAt: 1000, startedAt: 1000, attempt: 1, message: '600519.SH done'};
const note = 'log incomplete: 37 lines not written to logs/jobs/20261203_007.log: ENOSPC (no space left on device)';

describe('a run\'s end keeps what its executor noted', () => {
	it('a success with a lost log stays success, its message the note', () => {
		expect(endOf({...running}, {status: 'success', result: {rows: 3}, notes: [note]}, 2000, false, undefined)).toMatchObject({status: 'success', patch: {message: note, result: {rows: 3}}});
	});

	it('a failure with a lost log stays failed with its error, and its message says the log is incomplete', () => {
		const error = {type: 'DataFeedError', message: 'feed refused'};
		expect(endOf({...running}, {status: 'failed', error, notes: [note]}, 2000, false, undefined)).toEqual({status: 'failed', patch: {finishedAt: 2000, durationMs: 1000, error, message: note}});
	});

	it('a failure without notes keeps the last progress and its message, written at its end', () => {
		expect(endOf({...running, progress: 0.4}, {status: 'failed', error: {type: 'X', message: 'y'}}, 2000, false, undefined).patch).toMatchObject({progress: 0.4, message: '600519.SH done'});
	});
});
