import {memo, useMemo} from 'react';
import {formatDuration} from '../../config/quantities.js';
import type {JobView, LiveRunView} from '../../protocol/snapshot.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {zonedClock, zonedDate} from '../../time/zoned-time.js';
import {deadlineMissed, deadlineMissedGlyph, deadlineMissedLast} from '../deadline-missed-text.js';
import {FixedRows} from '../fixed-rows.js';
import {agoText, heartbeatColor, heartbeatLastText} from '../heartbeat-text.js';
import {formatIn} from '../relative-time.js';
import {rowText} from '../row-text.js';
import {displayWidth} from '../text-fit.js';
import {glyphs, statusColor, statusGlyph, theme} from '../theme.js';
import {scrollOffset, titleRow} from './panel-title.js';

export type JobsPanelProps = {
	jobs: readonly JobView[];
	cursor: number;
	focused: boolean;
	width: number;
	height: number;
	now: number;
	filter: string;
	/** The whole scheduler is paused: no job fires on schedule, so NEXT counts down to nothing. */
	schedulerPaused?: boolean;
	/** The scheduler is stopping (a SIGTERM): it starts no new runs, so NEXT says nothing fires. */
	schedulerStopping?: boolean;
	/** The live runs: a job whose live runs all wait for a slot shows the queued glyph, not the running one. */
	live?: readonly LiveRunView[];
	/** The console's zone, the scheduler's (jobs.yaml's `timezone`): NEXT and LAST are its times, "today" its day. @default 'Asia/Shanghai' */
	zone?: string;
};

type Columns = {id: number; name: number; schedule: number; next: number; last: number};

/** Why no job fires on schedule now, whatever its next fire time: the whole scheduler paused, or stopping. */
type FiringHeld = 'paused' | 'stopping' | undefined;
const gap = 1;
const lead = 2;

/**
 * The widest NEXT a job can show from `now` until its next fire time changes: its countdown only gets
 * shorter (`in 47h59m` to `in 59m`), so the column does not shift as it counts down, yet holds no
 * blank cells for a width no job needs (`MM-DD HH:MM in 47h59m` is 21 cells, `HH:MM in 59m` 12; a fire
 * a year or more ahead, `YYYY-MM-DD HH:MM in 400d`, up to 25).
 */
function widestNext(job: JobView, now: number, held: FiringHeld, zone: string): number {
	if (!job.enabled || job.paused || job.nextFireAt === undefined || held) {
		return displayWidth(nextText(job, now, held, zone));
	}

	const ms = job.nextFireAt - now;
	const day = fireDayText(job.nextFireAt, now, zone);
	if (ms < 0) {
		// A heartbeat's expected ping that has not come: it counts up (`3m overdue`), so it widens as it goes.
		return displayWidth(nextText(job, now, held, zone));
	}

	const countdown = ms < 3_600_000 ? 'in 59m'.length : (ms < 48 * 3_600_000 ? 'in 47h59m'.length : displayWidth(formatIn(ms)));
	return (day ? day.length + 1 : 0) + 'HH:MM '.length + countdown;
}

/**
 * The day of a coming fire as NEXT shows it: none for today, `01-02` for a day of the coming twelve
 * months (seen on 31 Dec, `01-02` can only be the 2 Jan just ahead, and the countdown says so), and
 * `2027-12-10` for one a year or more ahead, which `12-10` would pass off as this year's.
 */
function fireDayText(at: number, now: number, zone: string): string {
	const day = zonedDate(at, zone);
	const today = zonedDate(now, zone);
	if (day === today) {
		return '';
	}

	const yearsAhead = Number(day.slice(0, 4)) - Number(today.slice(0, 4));
	return yearsAhead > 1 || (yearsAhead === 1 && day.slice(5) >= today.slice(5)) ? day : day.slice(5);
}

/**
 * Column widths: id, schedule, next and last at their full width whenever the row allows it; the
 * display name takes what is left (and goes first when the terminal is narrow), then the schedule,
 * then the id are cut.
 */
export function jobColumns(jobs: readonly JobView[], width: number, now: number, held: FiringHeld = undefined, zone = exchangeTimeZone): Columns {
	const widest = (texts: string[], floor: number) => Math.max(floor, ...texts.map(text => displayWidth(text)));
	// With no display name anywhere, NAME would repeat ID: no column. Otherwise a job without one shows
	// its id there, so the column is as wide as every row's text, not only the named jobs'.
	const anyNamed = jobs.some(job => job.name !== job.id);
	const columns = {
		id: widest(jobs.map(job => job.id), 4),
		name: anyNamed ? widest(jobs.map(job => job.name), 4) : 0,
		schedule: widest(jobs.map(job => job.schedule), 8),
		next: Math.min('YYYY-MM-DD HH:MM in 9999d'.length, Math.max('NEXT'.length, ...jobs.map(job => widestNext(job, now, held, zone)))),
		// `↯ interrupted 12:34`, `⊘ cancelled 12:34`, `✓ 1m02s 12:34`: as wide as the widest one shown.
		last: widest(jobs.map(job => lastText(job, now, zone)), 9),
	};
	let over = lead + columns.id + columns.name + columns.schedule + columns.next + columns.last + (5 * gap) - width;
	const shrink = (key: keyof Columns, floor: number) => {
		const by = Math.min(Math.max(0, over), Math.max(0, columns[key] - floor));
		columns[key] -= by;
		over -= by;
	};

	shrink('name', 0);
	// A name cut to a cell or two (`…`, `t…`) says nothing: its cells go to the schedule instead.
	if (columns.name > 0 && columns.name < 5) {
		over -= columns.name + gap;
		columns.name = 0;
	}

	shrink('schedule', 14);
	shrink('next', 14);
	shrink('id', 10);
	shrink('last', 8);
	return columns;
}

/**
 * NEXT as the job's row shows it: `12-06 02:30 in 2h57m`; in a column narrowed for a small terminal
 * (`room`), the day goes first (`02:30 in 2h57m`: the countdown says which day), then the countdown
 * (`12-06 02:30`), so the cell is never cut mid-word (`12-06 02:30 i…`).
 */
function nextText(job: JobView, now: number, held: FiringHeld, zone: string, room = Number.POSITIVE_INFINITY): string {
	if (!job.enabled) {
		return 'disabled';
	}

	if (job.paused) {
		return `${glyphs.paused} paused`;
	}

	// Held by the whole scheduler's pause, it has no next fire in the snapshot, but a schedule of its own.
	if (job.nextFireAt === undefined && !job.heldBySchedulerPause) {
		return job.neverFires ? 'never' : '—';
	}

	if (held === 'stopping') {
		// Its next fire time stands in the snapshot, but a stopping scheduler starts no run: no countdown.
		return '— stopping';
	}

	if (held === 'paused' || job.nextFireAt === undefined) {
		// NEXT has 14 cells at 80 columns, where `⏸ scheduler p…` was all it said.
		const full = `${glyphs.paused} scheduler paused`;
		return displayWidth(full) <= room ? full : `${glyphs.paused} all paused`;
	}

	const day = fireDayText(job.nextFireAt, now, zone);
	const time = zonedClock(job.nextFireAt, zone).slice(0, 5);
	// Only a heartbeat job's next time passes and stays (its ping was due then and has not come): how long ago.
	const when = job.nextFireAt < now - 1000 ? agoText(now - job.nextFireAt).replace(/ ago$/, ' overdue') : formatIn(job.nextFireAt - now);
	const full = `${day ? `${day} ` : ''}${time} ${when}`;
	if (displayWidth(full) <= room || !day) {
		return full;
	}

	return `${time} ${when}`.length <= room ? `${time} ${when}` : `${day} ${time}`;
}

/**
 * The last run's result and time; a time of another day has its day (`12-07 23:59`), as NEXT has, and
 * one of another year its year (`2026-12-31 23:59` seen on 1 Jan 2027, which `12-31` would pass off as
 * this December's); the column is as wide as the widest shown, so only a panel with such a row widens.
 */
function lastText(job: JobView, now: number, zone: string, room = Number.POSITIVE_INFINITY): string {
	const clock = (at: number) => {
		const day = zonedDate(at, zone);
		const today = zonedDate(now, zone);
		const dayText = day === today ? '' : `${day.slice(0, 4) === today.slice(0, 4) ? day.slice(5) : day} `;
		return `${dayText}${zonedClock(at, zone).slice(0, 5)}`;
	};

	// Nothing runs for a heartbeat job: its state and last ping stand where a run would (heartbeat-text.ts).
	if (job.heartbeat) {
		return heartbeatLastText(job.heartbeat, clock);
	}

	// A deadline missed and not made up stands where the last run would, until a success clears it.
	const missed = deadlineMissedLast(job, clock, room);
	if (missed) {
		return missed;
	}

	const run = job.lastRun;
	if (!run) {
		return 'never run';
	}

	const what = run.status === 'success' ? formatDuration(run.durationMs ?? 0) : run.status;
	const at = run.finishedAt ?? run.startedAt;
	if (at === undefined) {
		return `${statusGlyph[run.status]} ${what}`;
	}

	return `${statusGlyph[run.status]} ${what} ${clock(at)}`;
}

/** LAST's colour: the last run's status, a heartbeat job's state, or a missed deadline's red. */
const lastColor = (job: JobView) => (job.heartbeat ? heartbeatColor(job.heartbeat.state) : (deadlineMissed(job) ? theme.bad : statusColor(job.lastRun?.status)));

function jobRow(job: JobView, selected: boolean, columns: Columns, now: number, width: number, held: FiringHeld, running: ReadonlySet<string> | undefined, zone: string): string {
	const live = job.liveRuns > 0 ? (running === undefined || running.has(job.id) ? statusGlyph.running : statusGlyph.queued) : undefined;
	const glyph = live ?? (job.paused ? glyphs.paused : (job.enabled ? (deadlineMissed(job) ? deadlineMissedGlyph : glyphs.idle) : glyphs.disabled));
	const glyphColor = job.liveRuns > 0 ? theme.accent : (job.paused || !job.enabled ? theme.warn : lastColor(job));
	// A job without a display name is named by its id (as `list` shows it), dimmed to tell it apart.
	const unnamed = job.name === job.id;
	return rowText([
		{text: selected ? glyphs.cursor : ' ', width: 1, style: {color: theme.focus}},
		{text: glyph, width: 1 + gap, style: {color: glyphColor}},
		{text: job.id, width: columns.id, pad: gap, style: {inverse: selected, bold: job.liveRuns > 0, dim: !job.enabled}},
		...(columns.name > 0 ? [{text: job.name, width: columns.name, pad: gap, style: {dim: unnamed}}] : []),
		{text: job.schedule, width: columns.schedule, pad: gap, style: {color: theme.muted}},
		{text: nextText(job, now, held, zone, columns.next), width: columns.next, pad: gap, style: {color: job.paused || job.heldBySchedulerPause || (held && job.nextFireAt !== undefined) || (job.nextFireAt !== undefined && job.nextFireAt < now) ? theme.warn : undefined}},
		{text: lastText(job, now, zone, columns.last), width: columns.last, style: {color: lastColor(job)}},
	], width);
}

/** Every job: status, id and name, schedule in words, next run, last result; a cursor; scrolls when long. */
export const JobsPanel = memo(function JobsPanel({jobs, cursor, focused, width, height, now, filter, schedulerPaused = false, schedulerStopping = false, live, zone = exchangeTimeZone}: JobsPanelProps) {
	const held: FiringHeld = schedulerStopping ? 'stopping' : (schedulerPaused ? 'paused' : undefined);
	const columns = useMemo(() => jobColumns(jobs, width, now, held, zone), [jobs, width, now, held, zone]);
	const running = useMemo(() => live && new Set(live.filter(run => run.status === 'running').map(run => run.jobId)), [live]);
	const visible = Math.max(1, height - 2);
	const offset = scrollOffset(cursor, visible, jobs.length);
	const shown = jobs.slice(offset, offset + visible);
	const title = filter ? `Jobs (${jobs.length} matching "${filter}")` : `Jobs (${jobs.length})`;
	const more = jobs.length > visible ? `${offset + 1}-${offset + shown.length} of ${jobs.length}` : (focused ? 'Enter: job view' : '');
	const headings = rowText([
		{text: '', width: lead + gap},
		{text: 'ID', width: columns.id, pad: gap},
		...(columns.name > 0 ? [{text: 'NAME', width: columns.name, pad: gap}] : []),
		{text: 'SCHEDULE', width: columns.schedule, pad: gap},
		{text: 'NEXT', width: columns.next, pad: gap},
		{text: 'LAST', width: columns.last},
	], width);
	const rows = [
		titleRow(title, focused, width, more),
		rowText([{text: headings, style: {color: theme.muted}}], width),
		...shown.map((job, index) => jobRow(job, focused && offset + index === cursor, columns, now, width, held, running, zone)),
	];
	if (jobs.length === 0) {
		rows.push(rowText([{text: `  ${filter ? 'no job matches the filter (Esc clears it)' : 'no jobs in config/jobs.yaml'}`, style: {color: theme.muted}}], width));
	}

	return <FixedRows rows={rows} width={width} height={height}/>;
});
