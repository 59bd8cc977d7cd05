/**
 * The job view's durations line as an operator reads it: the sparkline agrees with the numbers beside it.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import type {JobDetail} from '../../src/protocol/messages.js';
import type {JobView} from '../../src/protocol/snapshot.js';
import {jobFacts} from '../../src/ui/overlays/job-view.js';

const now = Date.parse('2026-11-20T12:34:30+08:00');
const job: JobView = {id: 'backtest', name: 'backtest', schedule: 'manual', queue: 'default', priority: 'medium', enabled: true, paused: false, liveRuns: 0, kind: 'command'};
const detail = (durations: number[]): JobDetail => ({jobId: 'backtest', nextFires: [], neverFires: false, recentRuns: [], durations, notes: []});
const durationsLine = (durations: number[]) => stripAnsi(jobFacts(job, detail(durations), now, 120).find(row => row.includes('durations'))!);

describe('the job view\'s duration sparkline', () => {
	it('is flat for runs that all took about 2.0s', () => {
		const line = durationsLine([2012, 1987, 2040, 1962, 2003, 2031]);
		expect(line).toContain('last 2.0s · median 2.0s · max 2.0s');
		expect(line).toMatch(/durations\s+██████ {2}last/);
	});

	it('still spans ▁ to █ when one run took twenty times as long as another', () => {
		expect(durationsLine([100, 1000, 2000])).toMatch(/durations\s+▁▅█ {2}last/);
	});
});
