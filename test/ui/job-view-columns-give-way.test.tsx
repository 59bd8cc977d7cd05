/**
 * On a narrow terminal a job view's run table gives columns up in one order, least needed first: the
 * error (ERROR, then left out), TRADE DAY, TRIGGER, then a workers job's WORKER (its host cut, then
 * left out); RUN, STATUS, STARTED and DURATION stay. At 60 columns WORKER went before TRADE DAY (and the
 * row still ran past the terminal): which machine ran a failed run is what the operator acts on, the
 * trade day is nearly always STARTED's day.
 */
import {stripVTControlCharacters} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import type {JobDetail} from '../../src/protocol/messages.js';
import type {JobView as Job, RunSummary} from '../../src/protocol/snapshot.js';
import {JobView} from '../../src/ui/overlays/job-view.js';
import {renderAt} from './terminal-at.js';

const now = Date.parse('2026-12-07T17:00:00+08:00');

const job = (workers?: string): Job => ({
	id: 'crunch', name: 'crunch', schedule: 'Mon-Fri 16:30', queue: 'analysis', priority: 'medium', enabled: true, paused: false, liveRuns: 0, kind: 'module',
	...(workers === undefined ? {} : {workers}),
} as unknown as Job);

/** Two runs of trade day 12-07, one failed on worker gpu1 and one succeeded on gpu2. */
function runs(onWorkers: boolean): RunSummary[] {
	const base = {jobId: 'crunch', trigger: 'schedule', attempt: 1, tradeDate: '2026-12-07'} as const;
	return [
		{...base, id: 12, status: 'failed', scheduledAt: now - 60_000, startedAt: now - 60_000, finishedAt: now - 55_000, durationMs: 5000, error: {type: 'ModuleNotFoundError', message: 'No module named pandas'}, ...(onWorkers ? {worker: 'gpu1.lab.example.com:41234'} : {})},
		{...base, id: 11, status: 'success', scheduledAt: now - 120_000, startedAt: now - 120_000, finishedAt: now - 110_000, durationMs: 10_000, ...(onWorkers ? {worker: 'gpu2.lab.example.com:507'} : {})},
	] as RunSummary[];
}

const detail = (onWorkers: boolean): JobDetail => ({jobId: 'crunch', nextFires: [], neverFires: false, recentRuns: runs(onWorkers), successRate: 0.5, durations: [10_000], notes: []});

let unmount: (() => void) | undefined;
afterEach(() => {
	unmount?.();
	unmount = undefined;
});

/** The view's run table at `columns`: its heading row, the rows of runs 12 and 11, and the widest row. */
function table(columns: number, onWorkers: boolean) {
	const view = renderAt(<JobView job={job(onWorkers ? 'analysis' : undefined)} jobId="crunch" detail={detail(onWorkers)} scroll={0} now={now} width={columns} height={20} zone="Asia/Shanghai"/>, columns, 24);
	unmount = view.unmount;
	const rows = stripVTControlCharacters(view.lastFrame()).split('\n');
	const heading = rows.find(row => row.includes('RUN '))!;
	const first = rows[rows.indexOf(heading) + 1]!;
	return {heading, first, widest: Math.max(...rows.map(row => row.length))};
}

describe('the job view\'s run columns give way in one order', () => {
	it('at 80 columns a workers job keeps every column but the error\'s full heading, the worker whole', () => {
		const {heading, first, widest} = table(80, true);
		expect(heading).toMatch(/^ ?RUN +TRIGGER +TRADE DAY +STATUS +WORKER +STARTED +DURATION/);
		expect(heading).not.toContain('ERROR / RESULT');
		expect(first).toMatch(/12 +schedule +12-07 +✗ failed +gpu1:41234 +12-07 16:59:00 +5\.0s/);
		expect(widest).toBeLessThanOrEqual(80);
	});

	it('at 60 columns a workers job gives up the error, TRADE DAY and TRIGGER, and keeps WORKER whole', () => {
		const {heading, first, widest} = table(60, true);
		expect(heading).toMatch(/^ ?RUN +STATUS +WORKER +STARTED +DURATION *$/);
		expect(first).toMatch(/12 +✗ failed +gpu1:41234 +12-07 16:59:00 +5\.0s/);
		expect(widest).toBeLessThanOrEqual(60);
	});

	it('at 60 columns a local job gives up the error and TRADE DAY, and keeps TRIGGER', () => {
		const {heading, first, widest} = table(60, false);
		expect(heading).toMatch(/^ ?RUN +TRIGGER +STATUS +STARTED +DURATION/);
		expect(heading).not.toContain('TRADE DAY');
		expect(first).toMatch(/12 +schedule +✗ failed +12-07 16:59:00 +5\.0s/);
		expect(widest).toBeLessThanOrEqual(60);
	});

	it('at 80 columns a local job keeps TRADE DAY beside the error', () => {
		const {heading, first, widest} = table(80, false);
		expect(heading).toMatch(/^ ?RUN +TRIGGER +TRADE DAY +STATUS +STARTED +DURATION +ERROR/);
		expect(first).toMatch(/12 +schedule +12-07 +✗ failed +12-07 16:59:00 +5\.0s +ModuleNotFound/);
		expect(widest).toBeLessThanOrEqual(80);
	});
});
