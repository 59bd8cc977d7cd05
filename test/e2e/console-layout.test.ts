import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession, type TmuxSession} from '../helpers/tmux.js';
import {boxSchedules, makeBoxRoot, newsError} from './console-fixture.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
});

const titles = ['Jobs (10)', 'Running (', 'Log · all jobs', 'Failures today ('];
const rowOf = (rows: string[], text: string) => rows.find(row => row.includes(text)) ?? '';

/** Every job's row holds its whole id, its whole schedule and an uncut next time. */
function expectWholeJobRows(rows: string[]): void {
	for (const [id, schedule] of Object.entries(boxSchedules)) {
		const row = rowOf(rows, ` ${id} `);
		expect(row, id).toContain(schedule);
		expect(row, id).toMatch(new RegExp(`${schedule.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(\\d\\d-\\d\\d )?(\\d\\d:\\d\\d in \\d+[dhms]\\S*|—|disabled)\\s`));
	}
}

describe.skipIf(!hasTmux || !hasFaketime)('the console uses the terminal it is given (tmux, the built binary)', () => {
	it('at 200×50 and 120×40 nothing is cut and spare rows go to the log; at 80×24 everything fits; the detail wraps', async () => {
		root = makeBoxRoot();
		const s = openTmuxSession('sage', `cd ${root.dir} && ${atTime('2026-12-07T08:00:00+08:00', binary)}; sleep 60`, 200, 50);
		await s.see('Jobs (10)', 30_000);
		// One run that fails with a long message, one that succeeds (and starts its chain).
		s.keys('r');
		await s.see(/compute_indicators .*✓/);
		s.keys(...Array.from({length: 7}, () => 'j'), 'r');
		await s.see('Failures today (1)');

		// 200 columns: the log line with the long error is whole, and the log has most of the rows.
		let rows = s.rows();
		expectWholeJobRows(rows);
		expect(rowOf(rows, 'ConnectionError')).toContain(newsError);
		const logTitle = rows.findIndex(row => row.includes('Log · all jobs'));
		const failuresTitle = rows.findIndex(row => row.includes('Failures today (1)'));
		expect(failuresTitle - logTitle).toBeGreaterThan(25);
		expect(rows).toHaveLength(50);

		s.resize(120, 40);
		rows = await redrawnAt(s, 120);
		expect(Math.max(...rows.map(row => stringWidth(row)))).toBeLessThanOrEqual(120);
		expectWholeJobRows(rows);
		expect(rows.findIndex(row => row.includes('Failures today (1)')) - rows.findIndex(row => row.includes('Log · all jobs'))).toBeGreaterThan(15);

		s.resize(80, 24);
		rows = await redrawnAt(s, 80);
		expect(rows).toHaveLength(24);
		expect(Math.max(...rows.map(row => stringWidth(row)))).toBeLessThanOrEqual(80);
		for (const title of titles) {
			expect(rows.filter(row => row.includes(title)), title).toHaveLength(1);
		}

		expect(rows[0]).toMatch(/^\d\d:\d\d:\d\d {2}◆ trading day · opens in 1h 1\dm │ running 0 │ 1 failed/);
		// The status line (the last row is left free) goes back to the keys once the answer has faded.
		await s.see('Tab panel · Enter open · r run');
		expect(s.rows()[22]).toContain('Tab panel · Enter open · r run');
		expect(s.rows()[22]).toContain('? help · q quit');

		// The detail wraps the long message over rows instead of cutting it.
		s.keys('f', 'Enter');
		const detail = await s.see('Run 3 · news_fetch');
		const body = detail.slice(detail.indexOf('Run 3 · news_fetch'));
		expect(body.replaceAll(/\n\s*/g, ' ')).toContain(newsError);
		expect(body).not.toContain('…');

		// Too small for the panels (the December ⚠ line, wrapped, takes two rows at 60 columns): one line
		// says so, and they come back.
		s.keys('Escape');
		s.resize(60, 8);
		await s.see('terminal too small (60×8): needs 60×15');
		expect(s.rows().join('\n')).not.toContain('Jobs (10)');
		s.resize(80, 24);
		await redrawnAt(s, 80);
	}, 120_000);
});

/** The screen once the console has drawn itself for `columns` (its jobs title rule ends at the edge). */
async function redrawnAt(s: TmuxSession, columns: number): Promise<string[]> {
	return waitFor(() => {
		const rows = s.rows();
		const title = rows.find(row => row.includes('Jobs (10)'));
		// The whole frame, every panel's title in it: a capture can catch the terminal mid-redraw.
		const whole = titles.every(panel => rows.some(row => row.includes(panel)));
		return title !== undefined && stringWidth(title) === columns && rows.every(row => stringWidth(row) <= columns) && whole && rows;
	}, 15_000, `a whole redraw at ${columns} columns`);
}
