import {memo} from 'react';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import type {RunSummary} from '../../protocol/snapshot.js';
import {zonedClock} from '../../time/zoned-time.js';
import {FixedRows} from '../fixed-rows.js';
import {dayName, dayNumberOf} from '../log-days.js';
import {isRecovered, type NewestSuccesses} from '../newest-successes.js';
import {rowText} from '../row-text.js';
import {displayWidth} from '../text-fit.js';
import {glyphs, statusColor, statusGlyph, theme} from '../theme.js';
import {scrollOffset, titleRow} from './panel-title.js';
import {countOf} from '../../core/count-words.js';

/** A failed run, and whether its job has succeeded since. */
export type FailureRow = {run: RunSummary; recovered: boolean};

/**
 * Today's failures as the panel lists them: runs whose job has not succeeded since first, newest
 * first, then the ones it has (a later run, a retry), even when it failed again after that success.
 * The keys use the same order.
 */
export function orderFailures(failures: readonly RunSummary[], successes: NewestSuccesses): FailureRow[] {
	const rows = failures.map(run => ({run, recovered: isRecovered(run, successes)}));
	return [...rows.filter(row => !row.recovered), ...rows.filter(row => row.recovered)];
}

export type FailuresPanelProps = {
	failures: readonly FailureRow[];
	/** Today's failed job runs, all of them (the header's figure): `failures` holds the newest 100 only. */
	jobRunsFailed?: number;
	cursor: number;
	focused: boolean;
	width: number;
	height: number;
	/** The console's zone, the scheduler's (jobs.yaml's `timezone`): "today" and the times are of it. @default 'Asia/Shanghai' */
	zone?: string;
};

/**
 * The day a run was scheduled on when that is before the day it ended (due 23:50, failed 00:10), as
 * the Failures panel marks it: `scheduled Mon 7 Dec 23:50`, with the year when it is not the end's.
 * Today's failures hold such runs (the scheduler's today-ledger.ts), but the header's figures count
 * runs by their scheduled day. Undefined for a run of the day it ended.
 */
export function earlierDayText(run: RunSummary, zone = exchangeTimeZone): string | undefined {
	const days = earlierDays(run, zone);
	return days && `scheduled ${dayName(days.scheduled, days.ended)} ${zonedClock(run.scheduledAt, zone).slice(0, 5)}`;
}

/**
 * earlierDayText cut short for a narrow row, `due 7 Dec 23:50`: no weekday (a backfill's day may be
 * weeks back) and no year (an earlier day than today's, it is the latest such date).
 */
export function earlierDayShortText(run: RunSummary, zone = exchangeTimeZone): string | undefined {
	const days = earlierDays(run, zone);
	return days && `due ${dayName(days.scheduled).replace(/^\S+ /, '')} ${zonedClock(run.scheduledAt, zone).slice(0, 5)}`;
}

function earlierDays(run: RunSummary, zone: string): {scheduled: number; ended: number} | undefined {
	if (run.finishedAt === undefined) {
		return undefined;
	}

	const scheduled = dayNumberOf(run.scheduledAt, zone);
	const ended = dayNumberOf(run.finishedAt, zone);
	return scheduled < ended ? {scheduled, ended} : undefined;
}

/**
 * The earlier day's mark of a row with `room` cells after its fixed columns: the full one while the
 * error keeps at least half of them, else the short one (at 80 columns the full mark left the error
 * ~10 cells). The run's detail always has the full day and time.
 */
function earlierDayMark(run: RunSummary, room: number, zone: string): string {
	const full = earlierDayText(run, zone);
	if (full === undefined) {
		return '';
	}

	const mark = 2 * displayWidth(`${full} · `) <= room ? full : earlierDayShortText(run, zone)!;
	return `${mark} · `;
}

/** How the title tells the failures of runs scheduled on an earlier day: `+1 from yesterday`. */
function earlierDaysText(failures: readonly FailureRow[], zone: string): string {
	const earlier = failures.filter(row => earlierDayText(row.run, zone) !== undefined);
	const yesterday = earlier.every(({run}) => dayNumberOf(run.scheduledAt, zone) === dayNumberOf(run.finishedAt!, zone) - 1);
	return earlier.length === 0 ? '' : `+${earlier.length} from ${yesterday ? 'yesterday' : 'earlier days'}`;
}

/** A job's run by its job id; a service's failed start says it is a service's (the header counts jobs' runs only). */
function rowName(run: RunSummary): string {
	return run.trigger === 'service' ? `service ${run.jobId}` : run.jobId;
}

/**
 * The panel's title: the count, split into jobs' runs (the header's "F failed") and services' starts
 * when both kinds stand in it, the failures of runs scheduled on an earlier day, which the header does
 * not count (`+1 from yesterday`), and how many have recovered. The scheduler sends the newest 100
 * only: past that, `jobRunsFailed` (the header's F) tells how many there are, `newest 100 of 127`.
 */
export function failuresTitle(failures: readonly FailureRow[], jobRunsFailed = 0, zone = exchangeTimeZone): string {
	const todays = failures.filter(row => earlierDayText(row.run, zone) === undefined);
	const services = todays.filter(row => row.run.trigger === 'service').length;
	const jobs = Math.max(todays.length - services, jobRunsFailed);
	const total = jobs + services;
	const split = services > 0 ? `: ${countOf(jobs, 'job run')}, ${countOf(services, 'service start')}` : '';
	const recovered = failures.filter(row => row.recovered).length;
	const count = total > todays.length ? `newest ${todays.length} of ${total}` : String(total);
	const notes = [earlierDaysText(failures, zone), recovered > 0 ? `${recovered} recovered` : ''].filter(Boolean);
	return `Failures today (${count}${split}${notes.map(note => `, ${note}`).join('')})`;
}

/** The cells of a failure's row before its marks and error: cursor, glyph, time, run, attempt, job (and its pad). */
const fixedCells = 1 + 2 + 9 + 9 + 4 + 1;

function failureRow({run, recovered}: FailureRow, selected: boolean, idWidth: number, width: number, zone: string): string {
	const what = run.error ? `${run.error.type}: ${run.error.message.split('\n')[0]}` : run.status;
	const dim = recovered ? {dim: true} : {};
	return rowText([
		{text: selected ? glyphs.cursor : ' ', width: 1, style: {color: theme.focus}},
		{text: recovered ? glyphs.recovered : statusGlyph[run.status], width: 2, style: {color: recovered ? theme.good : statusColor(run.status), ...dim}},
		{text: zonedClock(run.finishedAt ?? run.scheduledAt, zone), width: 9, style: {color: theme.muted, ...dim}},
		{text: `run ${run.id}`, width: 9, style: {...dim}},
		{text: `#${run.attempt}`, width: 4, style: {color: run.attempt > 1 ? theme.warn : theme.muted, ...dim}},
		{text: rowName(run), width: idWidth, pad: 1, style: {inverse: selected, ...dim}},
		{text: earlierDayMark(run, width - fixedCells - idWidth, zone), style: {color: theme.warn, ...dim}},
		{text: recovered ? 'recovered · ' : '', style: {color: theme.good, ...dim}},
		{text: what, style: {color: recovered ? theme.muted : theme.bad, ...dim}},
	], width);
}

const keysNote = 'Enter: stack trace · R: retry';

/**
 * Today's failed, timed-out and interrupted runs (jobs' and services'), each with its time, run id and
 * attempt, and those that ended today of runs scheduled on an earlier day, marked with that day; Enter opens one.
 */
export const FailuresPanel = memo(function FailuresPanel({failures, jobRunsFailed, cursor, focused, width, height, zone = exchangeTimeZone}: FailuresPanelProps) {
	const visible = Math.max(1, height - 1);
	// Without the keyboard the panel shows its top, the newest still failing: the cursor it would keep
	// in sight is not drawn, and a row picked earlier would hide the failures that came after it.
	const offset = focused ? scrollOffset(cursor, visible, failures.length) : 0;
	// The keys' note goes whole or not at all: a long title (past 100 failures, with recoveries) leaves no room at 80 columns.
	const title = failuresTitle(failures, jobRunsFailed, zone);
	// A long id takes a quarter of the row at most (15 cells at 60 columns, 20 at 80), as in the Running
	// panel: at 32 it left the error two cells at 60 columns (`E…`); cut, the id still names the job.
	const idWidth = Math.min(32, Math.max(8, Math.floor(width / 4)), Math.max(8, ...failures.map(row => displayWidth(rowName(row.run)))));
	const shown = failures.slice(offset, offset + visible);
	// More failures than rows: which are shown, as the jobs panel says it (scrolled, the newest are above).
	const range = failures.length > visible ? `${offset + 1}-${offset + shown.length} of ${failures.length}` : '';
	const fits = (note: string) => displayWidth(title) + displayWidth(note) + 3 <= width;
	const withKeys = [range, keysNote].filter(Boolean).join(' · ');
	const right = failures.length === 0 ? '' : (fits(withKeys) ? withKeys : (fits(range) ? range : ''));
	const rows = [
		titleRow(title, focused, width, right),
		...shown.map((row, index) => failureRow(row, focused && offset + index === cursor, idWidth, width, zone)),
	];
	if (failures.length === 0) {
		rows.push(rowText([{text: '  none today', style: {color: theme.good}}], width));
	}

	return <FixedRows rows={rows} width={width} height={height}/>;
});
