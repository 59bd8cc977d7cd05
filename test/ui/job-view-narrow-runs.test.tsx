/**
 * Below 80 columns a job view's run table fits the row: the error column gives way (a short heading,
 * then left out) before STARTED or any other column is cut. At 70×20 the table was squeezed (its padding
 * gone, each run wrapped onto a blank second row) or, with a longer trigger, STARTED cut to `12-07 10:35:2`.
 */
import {describe, expect, it} from 'vitest';
import {failedRunJobView} from '../helpers/failed-run-job-view.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: py_import
    trigger: manual
    command: ["sh", "-c", "echo 'FileNotFoundError: no /data/prices.csv' >&2; exit 1"]
`;

describe('the job view\'s runs on a narrow terminal', () => {
	for (const [columns, error] of [[70, /ERROR/], [60, undefined]] as const) {
		it(`at ${columns}×20 a failed run's STARTED is whole, the row within ${columns} columns`, async () => {
			const c = await open(jobsYaml, {size: {columns, rows: 20}});
			const view = await failedRunJobView(c, 'py_import');
			const rows = view.split('\n');
			const heading = rows.find(row => /RUN +TRIGGER/.test(row))!;
			const run = rows.find(row => /^ ?1 +manual /.test(row))!;
			// Each column keeps its padding and the run its one row, straight under the headings.
			expect(run).toMatch(/✗ failed {2}\d\d-\d\d \d\d:\d\d:\d\d {2}/);
			expect(rows[rows.indexOf(heading) + 1]).toBe(run);
			expect(heading).toMatch(/STARTED +DURATION/);
			expect(Math.max(...rows.map(row => row.length))).toBeLessThanOrEqual(columns);
			if (error) {
				expect(heading).toMatch(error);
			} else {
				expect(heading).not.toContain('ERROR');
			}
		});
	}
});
