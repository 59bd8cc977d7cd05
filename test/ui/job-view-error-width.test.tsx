/**
 * A job's view gives its runs' ERROR / RESULT the row's room left by the other columns as they are
 * filled: at 120 columns a Python failure read `ExitCode: /usr/bin/python3 exited w…` with twenty
 * blank cells after it (the column was sized for the widest run id, trigger and status there could be).
 */
import {describe, expect, it} from 'vitest';
import {failedRunJobView} from '../helpers/failed-run-job-view.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: py_import
    trigger: manual
    command: ["sh", "-c", "echo \\"FileNotFoundError: [Errno 2] No such file or directory: '/data/prices.csv'\\" >&2; exit 1"]
`;

describe('the job view\'s ERROR / RESULT column', () => {
	for (const columns of [120, 80]) {
		it(`uses the room the other columns leave at ${columns} columns, one row per run`, async () => {
			const c = await open(jobsYaml, {size: {columns, rows: 30}});
			const view = await failedRunJobView(c, 'py_import');
			const rows = view.split('\n');
			const run = rows.find(row => /^ ?1 +manual /.test(row));
			expect(run).toBeDefined();
			expect(run!.length).toBeLessThanOrEqual(columns);
			// The error fills the row to its last cells, cut there with … (no blank cells left over).
			expect(run!.trimEnd()).toMatch(/…$/);
			expect(run!.trimEnd().length).toBeGreaterThanOrEqual(columns - 2);
			if (columns === 120) {
				expect(run).toContain('exited with code 1: FileNotFoundError: [Err');
			}

			// The next row is not the rest of this one wrapped.
			expect(rows[rows.indexOf(run!) + 1]?.trim() ?? '').not.toMatch(/^[a-z/'.]/);
		});
	}
});
