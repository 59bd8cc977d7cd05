/**
 * The Log panel's title, the log narrowed to a job with a long id (`a`) and scrolled back: the id took
 * the row and cut the note that says the log is not following, `12 newer li…` at 80 columns and nothing
 * of it at 60 (`Log · long_running_backtest_with_a_really_long_identif…`). The id gives way, cut with
 * `…`, and the note (`N newer lines below · End: newest`) stays whole.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const longId = 'long_running_backtest_with_a_really_long_identifier_name';
const jobsYaml = `jobs:
  - id: ${longId}
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 40); do echo line $i; done"]
`;

/** The Log panel's title row, as the screen shows it. */
const logTitle = (screen: string) => screen.split('\n').find(row => row.includes('Log ·')) ?? '';

describe('the Log panel\'s title, narrowed to a job with a long id', () => {
	for (const [columns, rows] of [[80, 24], [60, 20]] as const) {
		it(`keeps "newer lines below · End: newest" whole at ${columns} columns, the id cut`, async () => {
			const c = await open(jobsYaml, {size: {columns, rows}});
			await c.see('Jobs (1)');
			await c.run(longId);
			await c.see('line 40');
			// `a` on the jobs panel: the log of the selected job; then back to its oldest line.
			await c.press('a');
			await c.see('Log · long_running_');
			await c.press('l', 'g');
			// The cursor on the oldest line: the log no longer follows, and its title says how many lines are below.
			const screen = await c.see(/›\d\d:\d\d:\d\d long_running_\S* +▶ long_runnin/);
			expect(logTitle(screen)).toMatch(/^▌Log · long_running_\S*… ─* ?\d+ newer lines below · End: newest$/);
		});
	}
});
