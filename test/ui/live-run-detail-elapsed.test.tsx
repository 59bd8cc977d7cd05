/**
 * A running run's detail said `finished —` and nothing of how long it had been going, which the Running
 * panel beside it counts; it says `running for 2m05s` there now, and its duration once it ended.
 */
import {describe, expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import {detailLines} from '../../src/ui/overlays/detail-lines.js';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: backtest
    trigger: manual
    command: ["sh", "-c", "echo '::progress 0.42 day 42 of 100'; sleep 30"]
`;

const startedAt = Date.parse('2026-12-07T05:11:03+08:00');
const run: RunRecord = {id: 7, jobId: 'backtest', trigger: 'manual', status: 'running', scheduledAt: startedAt, startedAt, attempt: 1, progress: 0.42};
const finishedRow = (lines: ReturnType<typeof detailLines>) => lines.map(line => line.text).find(text => text.startsWith('finished')) ?? '';

describe('the detail of a running run', () => {
	it('says how long it has been running, and an ended run its duration', () => {
		expect(finishedRow(detailLines(run, [], [], 100, undefined, 'Asia/Shanghai', startedAt + 125_000))).toMatch(/^finished\s+—\s+running for 2m05s$/);
		const ended = {...run, status: 'success' as const, finishedAt: startedAt + 130_000, durationMs: 130_000};
		expect(finishedRow(detailLines(ended, [], [], 100, undefined, 'Asia/Shanghai', startedAt + 200_000))).toMatch(/05:13:13\+08:00\s+2m10s$/);
	});

	it('in the console, opened from the Running panel', async () => {
		const c = await open(jobsYaml, {size: {columns: 100, rows: 30}});
		await c.see('Jobs (1)');
		c.t.scheduler.submit('backtest');
		await c.see('42%');
		await c.press(keys.tab, keys.enter);
		await c.see(/finished\s+—\s+running for \d+s/);
	});
});
