/**
 * A run's detail view takes a live run's status, start and progress from the live runs while it runs;
 * a record read after the run ended keeps its own, even while the console's live runs still list it (a
 * busy box's next snapshot still on its way). It showed `status running` beside the finish time and the
 * cancellation, as a real terminal test caught on a loaded box.
 */
import {expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import type {LiveRunView} from '../../src/protocol/snapshot.js';
import {LogBuffer} from '../../src/ui/log-buffer.js';
import {viewLinesOf} from '../../src/ui/overlays/view-lines.js';

const startedAt = Date.parse('2026-12-07T08:00:04.575+08:00');
const liveEntry: LiveRunView = {runId: 3, jobId: 'backtest', jobName: 'backtest', trigger: 'manual', status: 'running', scheduledAt: startedAt - 40, startedAt, attempt: 1, progress: 30, message: 'day 2 of 300'};

const statusLine = (run: RunRecord, live: LiveRunView[]) =>
	viewLinesOf({kind: 'detail', run, notifications: []}, {tail: new LogBuffer(10), live, services: [], now: startedAt + 2000, today: 0}, 120, 40)
		.map(line => line.text)
		.find(text => text.startsWith('status '));

it('shows a live run as the live runs have it', () => {
	const readAtOpen = {id: 3, jobId: 'backtest', trigger: 'manual', attempt: 1, status: 'queued', scheduledAt: startedAt - 40} as RunRecord;
	expect(statusLine(readAtOpen, [liveEntry])).toMatch(/^status +running/);
});

it('shows an ended run\'s own status though the live runs still list it', () => {
	const ended = {id: 3, jobId: 'backtest', trigger: 'manual', attempt: 1, status: 'cancelled', scheduledAt: startedAt - 40, startedAt, finishedAt: startedAt + 1300, durationMs: 1300, error: {type: 'Cancelled', message: 'cancelled by the operator'}} as RunRecord;
	expect(statusLine(ended, [liveEntry])).toMatch(/^status +cancelled/);
	expect(statusLine(ended, [])).toMatch(/^status +cancelled/);
});
