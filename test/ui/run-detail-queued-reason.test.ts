/**
 * A queued run's detail says why it waits, whole, as `sage-console status` does: the Running panel cuts
 * the reason at 80 columns (`waits for run 716…`), and the detail (Enter on the queued run, where nothing
 * is cut) said `status queued` and no more. Once the run starts, the reason goes.
 */
import {expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import type {LiveRunView} from '../../src/protocol/snapshot.js';
import {LogBuffer} from '../../src/ui/log-buffer.js';
import {viewLinesOf} from '../../src/ui/overlays/view-lines.js';

const scheduledAt = Date.parse('2026-12-07T17:08:29.568+08:00');
const reason = 'waits for run 716 backtest to end (one run of backtest at a time, concurrency: queue)';
const queuedRecord = {id: 730, jobId: 'backtest', trigger: 'backfill', attempt: 1, status: 'queued', scheduledAt, tradeDate: '2026-11-20'} as RunRecord;
const live = (status: LiveRunView['status']): LiveRunView => ({
	runId: 730, jobId: 'backtest', jobName: 'backtest', trigger: 'backfill', status, scheduledAt, attempt: 1,
	...(status === 'queued' ? {waitingFor: reason} : {startedAt: scheduledAt + 9000, progress: 0.1, message: 'day 4/40'}),
});

/** The detail's text at 80 columns, its wrapped lines joined back. */
const detailText = (entry: LiveRunView) =>
	viewLinesOf({kind: 'detail', run: queuedRecord, notifications: []}, {tail: new LogBuffer(10), live: [entry], services: [], now: scheduledAt + 10_000, today: 0}, 80, 24)
		.map(line => line.text.trim())
		.join(' ');

it('shows a queued run\'s reason for waiting whole, beside its status', () => {
	expect(detailText(live('queued'))).toMatch(/status +queued {2}waits for run 716 backtest to end \(one run of backtest at a time, concurrency: queue\) scheduled /);
});

it('leaves it out once the run started', () => {
	const text = detailText(live('running'));
	expect(text).toMatch(/status +running scheduled /);
	expect(text).not.toContain('waits for');
});
