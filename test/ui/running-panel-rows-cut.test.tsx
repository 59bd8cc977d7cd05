/**
 * The Running panel has four rows for runs at 80×24: with more runs going or queued (max_parallel and a
 * queue of retries, a backfill), the rest were cut with nothing but the title's count to hint at them.
 * It says which are shown, as the jobs, services and failures panels do (`1-4 of 7`), and scrolls with
 * the cursor. The panel as Ink draws it, with runs as the snapshot gives them.
 */
import {renderedRows} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import type {LiveRunView} from '../../src/protocol/snapshot.js';
import {RunningPanel} from '../../src/ui/panels/running-panel.js';

const now = Date.parse('2026-12-07T05:04:21+08:00');
const run = (runId: number, status: LiveRunView['status']): LiveRunView => ({
	runId, jobId: `backfill_${runId}`, jobName: `backfill_${runId}`, trigger: 'manual', status, scheduledAt: now - 9000,
	...(status === 'running' ? {startedAt: now - 9000, progress: 0.5, message: 'day 5 of 10'} : {waitingFor: 'max_parallel: 4 of 4 running'}), attempt: 1,
});
const runs = [1, 2, 3, 4].map(id => run(id, 'running')).concat([5, 6, 7].map(id => run(id, 'queued')));

function panel(cursor: number, focused: boolean): string[] {
	return renderedRows(<RunningPanel runs={runs} cursor={cursor} focused={focused} width={80} height={5} now={now}/>);
}

describe('a Running panel with more runs than rows', () => {
	it('says which runs it shows, scrolled with the cursor', () => {
		const top = panel(0, false);
		expect(top[0]).toMatch(/^ Running \(4, 3 queued\) ─+ 1-4 of 7$/);
		expect(top.slice(1).map(row => /backfill_(\d)/.exec(row)?.[1])).toEqual(['1', '2', '3', '4']);

		const bottom = panel(6, true);
		expect(bottom[0]).toMatch(/^▌Running \(4, 3 queued\) ─+ 4-7 of 7 · Enter: detail · c: cancel$/);
		expect(bottom.at(-1)).toContain('backfill_7');
	});
});
