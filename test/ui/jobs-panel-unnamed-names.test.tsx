/**
 * A job without a display name is named by its id in NAME: on a wide terminal that id stands whole,
 * as the named jobs' names do. The column was as wide as the named jobs' names only, so at 120 and 200
 * columns `py_progress` read `py_prog…` beside 50 blank cells.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import type {JobView} from '../../src/protocol/snapshot.js';
import {JobsPanel} from '../../src/ui/panels/jobs-panel.js';
import {renderAt} from './terminal-at.js';

const now = Date.parse('2026-12-07T09:55:00+08:00');
const job = (id: string, fields: Partial<JobView> = {}): JobView => ({
	id, name: id, schedule: 'manual', queue: 'default', priority: 'medium', enabled: true, paused: false, liveRuns: 0, kind: 'command', ...fields,
});
const jobs = [
	job('hello', {name: 'Hello', schedule: 'Mon-Fri 09:00', nextFireAt: now + 3_600_000}),
	job('py_broken', {name: '价格导入', schedule: 'Mon-Fri 10:00', nextFireAt: now + 300_000}),
	job('py_progress'),
	job('long_sleep'),
];

function screenAt(width: number): string {
	const ui = renderAt(<JobsPanel jobs={jobs} cursor={0} focused width={width} height={8} now={now} filter=""/>, width, 10);
	const screen = stripAnsi(ui.lastFrame());
	ui.unmount();
	return screen;
}

describe('NAME of jobs without a display name', () => {
	for (const width of [120, 200]) {
		it(`shows the whole id at ${width} columns, the schedule after it`, () => {
			const screen = screenAt(width);
			expect(screen).not.toContain('…');
			expect(screen).toMatch(/● py_progress +py_progress +manual/);
			expect(screen).toMatch(/● long_sleep +long_sleep +manual/);
			expect(screen).toMatch(/● py_broken +价格导入 +Mon-Fri 10:00/);
		});
	}

	it('at 80 columns still fits the row, the names giving way first', () => {
		const screen = screenAt(80);
		for (const row of screen.split('\n')) {
			expect(row.length).toBeLessThanOrEqual(80);
		}

		expect(screen).toContain('py_progress');
	});
});
