/**
 * At 80 columns a run of a job with a long id took 32 cells for the id in the Running panel, and left its
 * message four (`正在…`, `hang…`) beside the bar. The id takes a quarter of the row at most (20 cells at
 * 80 columns, cut with …), and the message reads. The panel as Ink draws it, with runs as the snapshot
 * gives them.
 */
import {renderedRows} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import type {LiveRunView} from '../../src/protocol/snapshot.js';
import {RunningPanel} from '../../src/ui/panels/running-panel.js';

const now = Date.parse('2026-12-07T05:04:21+08:00');
const run = (runId: number, jobId: string, message: string): LiveRunView => ({
	runId, jobId, jobName: jobId, trigger: 'schedule', status: 'running', scheduledAt: now - 9000, startedAt: now - 9000, progress: 0.42, message, attempt: 1,
});

describe('a Running panel at 80 columns with a long job id', () => {
	it('cuts the id to a quarter of the row and keeps the message readable', () => {
		const runs = [
			run(1118, 'very_long_job_identifier_for_the_quarterly_financial_statement_synchronisation', 'downloading 2024Q3 statements'),
			run(1114, 'hangs_timeout', 'day 42 of 100'),
		];
		const rows = renderedRows(<RunningPanel runs={runs} cursor={0} focused={false} width={80} height={3} now={now}/>);
		expect(rows[1]).toMatch(/^ ▶ very_long_job_ident… █+░+ +42% +downloading 2024\S* +9s run 1118$/);
		expect(rows[2]).toMatch(/^ ▶ hangs_timeout +█+░+ +42% +day 42 of 100 +9s run 1114$/);
	});
});
