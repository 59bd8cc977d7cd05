/**
 * Days and moments of last year, seen on New Year's Day, say their year: the log's `── Thu 31 Dec ──`
 * would read as this December's, `12-31 23:59:58` likewise, and a failure of a run due on New Year's
 * Eve marked `scheduled Thu 31 Dec`. Of the current year they stay as they were.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {LogLine} from '../../src/core/log-line.js';
import type {RunSummary} from '../../src/protocol/snapshot.js';
import {LogBuffer} from '../../src/ui/log-buffer.js';
import {dayWindow} from '../../src/ui/log-day-window.js';
import {dayNumberOf} from '../../src/ui/log-days.js';
import {momentText} from '../../src/ui/moment-text.js';
import {FailuresPanel, orderFailures} from '../../src/ui/panels/failures-panel.js';
import {LogPanel} from '../../src/ui/panels/log-panel.js';

const at = (clock: string) => Date.parse(`${clock}+08:00`);
/** Friday 1 Jan 2027, mid-morning in Shanghai. */
const newYearsDay = dayNumberOf(at('2027-01-01T10:00:00'));

function logPanelRows(times: readonly string[], today: number): string[] {
	const tail = new LogBuffer(100);
	tail.append(times.map((time, index): LogLine => ({time: at(time), level: 'info', msg: `line ${index}`, jobId: 'sync_daily_bars'})));
	const ui = render(<LogPanel lines={dayWindow(tail, 10, undefined, undefined, today)} scope="all jobs" behind={0} focused={false} width={70} height={8}/>);
	const rows = stripAnsi(ui.lastFrame() ?? '').split('\n').map(row => row.trimEnd());
	ui.unmount();
	return rows;
}

describe('a day of another year has its year', () => {
	it('the log\'s day separators: `── Thu 31 Dec 2026 ──` seen on 1 Jan 2027; `── Fri 1 Jan ──` and this year\'s days as before', () => {
		const rows = logPanelRows(['2026-12-31T23:59:58', '2027-01-01T00:00:03'], newYearsDay);
		expect(rows.slice(1, 5)).toEqual([
			' ── Thu 31 Dec 2026 ──',
			' 23:59:58 sync_daily_bars line 0',
			' ── Fri 1 Jan ──',
			' 00:00:03 sync_daily_bars line 1',
		]);
		// On New Year's Eve itself, the same day is this year's
		const eve = dayNumberOf(at('2026-12-31T23:59:59'));
		expect(logPanelRows(['2026-12-30T22:00:00', '2026-12-31T23:59:58'], eve).slice(1, 5)).toEqual([
			' ── Wed 30 Dec ──',
			' 22:00:00 sync_daily_bars line 0',
			' ── Thu 31 Dec ──',
			' 23:59:58 sync_daily_bars line 1',
		]);
	});

	it('a moment of another day: `2026-12-31 23:59:58` seen on 1 Jan 2027; `12-07 10:14:21` and today\'s clock as before', () => {
		expect(momentText(at('2026-12-31T23:59:58'), newYearsDay)).toBe('2026-12-31 23:59:58');
		expect(momentText(at('2027-01-01T09:14:21'), newYearsDay)).toBe('09:14:21');
		const december = dayNumberOf(at('2026-12-08T10:00:00'));
		expect(momentText(at('2026-12-07T10:14:21'), december)).toBe('12-07 10:14:21');
	});

	it('the Failures panel: a run due at 23:50 on New Year\'s Eve that failed at 00:10 is `scheduled Thu 31 Dec 2026 23:50`', () => {
		const run: RunSummary = {
			id: 812, jobId: 'sync_daily_bars', trigger: 'schedule', status: 'failed', attempt: 1,
			scheduledAt: at('2026-12-31T23:50:00'), startedAt: at('2026-12-31T23:50:00'), finishedAt: at('2027-01-01T00:10:00'),
			error: {type: 'Error', message: 'feed down'},
		};
		const ui = render(<FailuresPanel failures={orderFailures([run], new Map())} jobRunsFailed={0} cursor={0} focused={false} width={110} height={3}/>);
		const rows = stripAnsi(ui.lastFrame() ?? '').split('\n');
		ui.unmount();
		expect(rows[0]).toMatch(/^ Failures today \(0, \+1 from yesterday\) /);
		expect(rows[1]).toMatch(/^ ✗ 00:10:00 run 812 +#1 +sync_daily_bars scheduled Thu 31 Dec 2026 23:50 · Error: feed down/);
	});
});
