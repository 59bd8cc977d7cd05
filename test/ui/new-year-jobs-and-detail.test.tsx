/**
 * The jobs panel and a run's detail view across New Year: seen on 1 Jan 2027, a last run of New Year's
 * Eve is `2026-12-31 23:59` (`12-31 23:59` would read as this December's) and a day row of the run's
 * log `── Thu 31 Dec 2026 ──`; a fire a year or more ahead has its year (`2027-12-10 09:30 in 370d`),
 * while the 2 Jan just ahead, seen on 31 Dec, stays `01-02` (its countdown says which). Of the current
 * year everything reads, and is as wide, as before.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import type {LogLine} from '../../src/core/log-line.js';
import type {RunRecord} from '../../src/core/run-record.js';
import type {JobView, RunSummary} from '../../src/protocol/snapshot.js';
import {LogBuffer} from '../../src/ui/log-buffer.js';
import {dayNumberOf} from '../../src/ui/log-days.js';
import {viewLinesOf} from '../../src/ui/overlays/view-lines.js';
import {JobsPanel} from '../../src/ui/panels/jobs-panel.js';
import {renderAt} from './terminal-at.js';

const at = (clock: string) => Date.parse(`${clock}+08:00`);

const job = (id: string, fields: Partial<JobView>): JobView => ({
	id, name: id, schedule: 'manual', queue: 'default', priority: 'medium', enabled: true, paused: false, liveRuns: 0, kind: 'module', ...fields,
});
const succeeded = (id: number, jobId: string, finishedAt: string): RunSummary => ({
	id, jobId, trigger: 'schedule', status: 'success', attempt: 1, scheduledAt: at(finishedAt) - 62_000, startedAt: at(finishedAt) - 62_000, finishedAt: at(finishedAt), durationMs: 62_000,
});

/** The jobs panel's rows at 120 columns, seen at `now`, trailing blanks cut. */
function jobsRows(jobs: JobView[], now: number): string[] {
	const ui = renderAt(<JobsPanel jobs={jobs} cursor={0} focused={false} width={120} height={2 + jobs.length} now={now} filter=""/>, 120, 10);
	const rows = stripAnsi(ui.lastFrame()).split('\n').map(row => row.trimEnd());
	ui.unmount();
	return rows;
}

describe('the jobs panel across New Year', () => {
	it('LAST: a run of New Year\'s Eve seen on 1 Jan 2027 is `2026-12-31 23:59`, the column as wide as it; today\'s runs keep their clock', () => {
		const rows = jobsRows([
			job('backup_db', {lastRun: succeeded(1, 'backup_db', '2026-12-31T23:59:30')}),
			job('sync_daily_bars', {lastRun: succeeded(2, 'sync_daily_bars', '2027-01-01T09:14:00')}),
		], at('2027-01-01T10:00:00'));
		// Each heading stands over its column: after the cursor and the status glyph, as the rows are.
		expect(rows[1]).toMatch(/^ {3}ID +SCHEDULE +NEXT +LAST$/);
		for (const [heading, cell] of [['ID', 'backup_db'], ['SCHEDULE', 'manual'], ['NEXT', '—'], ['LAST', '✓']] as const) {
			expect(rows[1]!.indexOf(heading)).toBe(rows[2]!.indexOf(cell));
		}

		expect(rows[2]).toMatch(/^ ● backup_db +manual +— +✓ 1m02s 2026-12-31 23:59$/);
		expect(rows[3]).toMatch(/^ ● sync_daily_bars +manual +— +✓ 1m02s 09:14$/);
		// Both rows' LAST start in the same column, and the rows end there: the width counts the year.
		expect(rows[3]!.indexOf('✓')).toBe(rows[2]!.indexOf('✓'));
		expect(rows[2]!.length).toBe(rows[2]!.indexOf('✓') + '✓ 1m02s 2026-12-31 23:59'.length);
	});

	it('LAST of this year reads and lines up as before: `12-30 23:59` seen on New Year\'s Eve', () => {
		const rows = jobsRows([
			job('backup_db', {lastRun: succeeded(1, 'backup_db', '2026-12-30T23:59:30')}),
			job('sync_daily_bars', {lastRun: succeeded(2, 'sync_daily_bars', '2026-12-31T09:14:00')}),
		], at('2026-12-31T10:00:00'));
		expect(rows[2]).toMatch(/^ ● backup_db +manual +— +✓ 1m02s 12-30 23:59$/);
		expect(rows[3]).toMatch(/^ ● sync_daily_bars +manual +— +✓ 1m02s 09:14$/);
		expect(rows[3]!.indexOf('✓')).toBe(rows[2]!.indexOf('✓'));
	});

	it('NEXT: a fire a year or more ahead has its year; the 2 Jan just ahead, seen on 31 Dec, stays `01-02`', () => {
		const eve = at('2026-12-31T10:00:00');
		const rows = jobsRows([
			job('yearly_report', {schedule: 'once', nextFireAt: at('2027-12-31T09:30:00')}),
			job('sync_daily_bars', {schedule: 'Mon-Fri 09:30', nextFireAt: at('2027-01-04T09:30:00')}),
			job('tick', {schedule: 'every 5 min', nextFireAt: at('2026-12-31T10:05:00')}),
		], eve);
		expect(rows[2]).toMatch(/^ ● yearly_report +once +2027-12-31 09:30 in 364d +never run$/);
		expect(rows[3]).toMatch(/^ ● sync_daily_bars +Mon-Fri 09:30 +01-04 09:30 in 3d +never run$/);
		expect(rows[4]).toMatch(/^ ● tick +every 5 min +10:05 in 5m +never run$/);
		// Each NEXT starts in the same column, and LAST after the widest one: the column counts the year.
		const nextColumn = rows[2]!.indexOf('2027-12-31');
		expect(rows[3]!.indexOf('01-04')).toBe(nextColumn);
		expect(rows[4]!.indexOf('10:05')).toBe(nextColumn);
		expect(rows[2]!.indexOf('never run')).toBe(nextColumn + '2027-12-31 09:30 in 364d '.length);
	});

	it('NEXT of the coming twelve months reads as before: `11-23 12:34 in 3d`', () => {
		const now = at('2026-11-20T12:34:30');
		const rows = jobsRows([job('refresh', {schedule: 'every 5 min', nextFireAt: now + 3 * 86_400_000})], now);
		expect(rows[2]).toMatch(/^ ● refresh +every 5 min +11-23 12:34 in 3d +never run$/);
	});
});

describe('a run\'s detail view across New Year', () => {
	const started = at('2026-12-30T23:59:30');
	const run = {id: 7, jobId: 'night', trigger: 'schedule', attempt: 1, status: 'success', scheduledAt: started, startedAt: started, finishedAt: at('2026-12-31T00:00:10')} as RunRecord;
	const logRows = (today: number) => {
		const tail = new LogBuffer(100);
		tail.append([0, 20_000, 40_000].map((after, index): LogLine => ({time: started + after, level: 'info', msg: `step ${index}`, jobId: 'night', runId: 7})));
		const lines = viewLinesOf({kind: 'detail', run, notifications: []}, {tail, live: [], services: [], now: 0, today}, 80, 30);
		return lines.slice(lines.findIndex(line => line.text.startsWith('log, newest')) + 1).map(line => line.text);
	};

	it('seen on 1 Jan 2027, a day row of its log is `── Thu 31 Dec 2026 ──`', () => {
		expect(logRows(dayNumberOf(at('2027-01-01T10:00:00')))).toEqual(['23:59:30 step 0', '23:59:50 step 1', '── Thu 31 Dec 2026 ──', '00:00:10 step 2']);
	});

	it('seen on New Year\'s Eve, it is `── Thu 31 Dec ──` as before', () => {
		expect(logRows(dayNumberOf(at('2026-12-31T10:00:00')))).toEqual(['23:59:30 step 0', '23:59:50 step 1', '── Thu 31 Dec ──', '00:00:10 step 2']);
	});
});
