/**
 * PgDn and PgUp move a page of the panel that has the keyboard. They moved the log's page in every
 * panel: on a 120×40 pane the Jobs panel shows 14 jobs and its log 11 lines, but at 200×60 the log
 * has some 30 rows, and PgDn in a Jobs panel of 14 rows went past jobs the operator never saw; in the
 * Failures panel (a few rows under a tall log) it skipped failures the same way.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const ids = Array.from({length: 60}, (_, index) => `job_${String(index).padStart(2, '0')}`);
const jobsYaml = `jobs:\n${ids.map(id => `  - {id: ${id}, trigger: manual, command: ["sh", "-c", "echo ok"]}`).join('\n')}\n`;

/** The Jobs panel's title range (`1-14 of 60`) as the screen shows it. */
function jobsRange(screen: string): {from: number; to: number} {
	const title = screen.split('\n').find(row => row.includes('Jobs (60)')) ?? '';
	const [, from, to] = /(\d+)-(\d+) of 60/.exec(title) ?? [];
	return {from: Number(from), to: Number(to)};
}

describe('PgDn and PgUp in the Jobs panel, the log taller than it', () => {
	it('move by the Jobs panel\'s page: no job goes by unseen', async () => {
		const c = await open(jobsYaml, {size: {columns: 120, rows: 60}});
		const first = await c.see(/Jobs \(60\) ─+ 1-\d+ of 60/);
		const page = jobsRange(first);
		// The log has more rows than the jobs panel: the case where the pages differ.
		const rows = first.split('\n');
		const logRows = rows.findIndex(row => row.includes('Failures today')) - rows.findIndex(row => row.includes('Log ·')) - 1;
		expect(logRows).toBeGreaterThan(page.to);

		// PgDn, twice: each page starts at most at the row after the last one shown, and the cursor moves.
		let shown = page;
		let selected = 0;
		for (let press = 0; press < 2; press++) {
			await c.press(keys.pageDown);
			const screen = await c.see(new RegExp(`›● job_(?!${String(selected).padStart(2, '0')})\\d\\d`));
			const now = jobsRange(screen);
			expect(now.from).toBeLessThanOrEqual(shown.to + 1);
			selected = Number(/›● job_(\d\d)/.exec(screen)![1]);
			expect(selected).toBeLessThan(now.to);
			shown = now;
		}

		// PgUp, twice, goes back the same pages: to the top row.
		await c.press(keys.pageUp, keys.pageUp);
		await c.see(/›● job_00/);
	});
});
