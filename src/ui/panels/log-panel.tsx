import {memo} from 'react';
import {printable} from '../../log/printable-text.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {zonedClock} from '../../time/zoned-time.js';
import {FixedRows} from '../fixed-rows.js';
import type {DayedLine} from '../log-day-window.js';
import {markMatches} from '../row-text.js';
import {clip, displayWidth, fit} from '../text-fit.js';
import {glyphs, levelColor, paint, theme} from '../theme.js';
import {ownIdShortened} from './log-message-fit.js';
import {titleRow} from './panel-title.js';

export type LogPanelProps = {
	/** Oldest first; a line's `dayBefore` is drawn as a dim row above it (log-day-window.ts fits both to the panel). */
	lines: readonly DayedLine[];
	scope: string;
	/** What `a` switches the scope to (`a: the selected job`): left out of the title where it would cut the title's note. */
	scopeKey?: string;
	/** The job column's width at the least (up to its cap: a quarter of the row, 24 cells at most): the widest job id, so it stays put as lines scroll. @default 0 */
	jobWidthAtLeast?: number;
	/** Lines newer than the last one shown: 0 while the panel follows the newest. */
	behind: number;
	focused: boolean;
	/** The selected line (focused only): Enter opens its run. */
	selected?: number;
	/** The last search: its matches are marked. */
	search?: string;
	width: number;
	height: number;
	/** The console's zone, the scheduler's (jobs.yaml's `timezone`), the clocks are of, as the day rows are. @default 'Asia/Shanghai' */
	zone?: string;
};

/**
 * The newest log lines of all jobs or one, levels coloured, each message followed by its structured
 * fields (`symbol=600519.SH bars=136`, dimmed, cut to the row); scrolled back, it stays on the same
 * lines while new ones arrive. Where the day changes (and above lines not of today) a dim
 * `── Tue 8 Dec ──` row says which day the clocks below it are of. Each row is built finished (clock,
 * job, message) and handed to FixedRows, so the thousand distinct lines a second of a busy job never
 * reach Ink's measuring caches.
 */
export const LogPanel = memo(function LogPanel({lines, scope, scopeKey, jobWidthAtLeast = 0, behind, focused, selected, search = '', width, height, zone = exchangeTimeZone}: LogPanelProps) {
	// A long id takes a quarter of the row at most (15 cells at 60 columns), 24 cells on a wide one, as in
	// the Running and Failures panels: at 24 it left a 60-column row's message 25 cells; cut, it still names the job.
	const jobWidth = Math.min(24, Math.max(9, Math.floor(width / 4)), Math.max(9, jobWidthAtLeast, ...lines.map(({line}) => displayWidth(line.jobId ?? 'scheduler'))));
	const messageWidth = Math.max(10, width - jobWidth - 11);
	const right = behind > 0 ? `${behind} newer line${behind === 1 ? '' : 's'} below · End: newest` : (focused ? 'Enter: run · /: search' : 'newest');
	const body: string[] = [];
	for (const {seq, line, dayBefore} of lines.slice(-(height - 1))) {
		if (dayBefore) {
			body.push(` ${paint(clip(dayBefore, width - 1), {color: theme.muted, dim: true})}`);
		}

		const isSelected = focused && seq === selected;
		const message = clip(ownIdShortened(printable(line.msg), line.jobId, messageWidth), messageWidth);
		const fieldsRoom = messageWidth - displayWidth(message) - 2;
		const fields = line.fields && fieldsRoom > 0 ? `  ${paint(clip(printable(line.fields).replaceAll('\t', ' '), fieldsRoom), {dim: true})}` : '';
		body.push([
			paint(isSelected ? glyphs.cursor : ' ', {color: theme.focus}),
			paint(zonedClock(line.time, zone), {color: theme.muted, inverse: isSelected}),
			' ',
			paint(fit(line.jobId ?? 'scheduler', jobWidth), {color: theme.accent}),
			' ',
			markMatches(message, search, {color: levelColor[line.level]}, {color: theme.match, inverse: true}),
			fields,
		].join(''));
	}

	const rows = [logTitle(scope, scopeKey, right, focused, width), ...body.slice(-(height - 1))];
	if (lines.length === 0) {
		rows.push(paint('  no log lines yet', {color: theme.muted}));
	}

	return <FixedRows rows={rows} width={width} height={height}/>;
});

/**
 * The title row: `Log · all jobs (a: the selected job)` and its note on the right (`120 newer lines below
 * · End: newest`). Where both do not fit (60 columns), the `a` hint goes first, so the note, what the
 * operator reads to know the log is not following, is not cut (`350 newer lines belo…`); then the
 * scope, a long job id cut with `…` (it took the row and left `12 newer li…` at 80 columns).
 */
function logTitle(scope: string, scopeKey: string | undefined, right: string, focused: boolean, width: number): string {
	const full = `Log · ${scope}${scopeKey ? ` (${scopeKey})` : ''}`;
	// The focus bar, the title, a rule cell between spaces, the note.
	const room = width - displayWidth(right) - 4;
	if (displayWidth(full) <= room || !right) {
		return titleRow(full, focused, width, right);
	}

	const short = `Log · ${scope}`;
	return titleRow(displayWidth(short) <= room ? short : `Log · ${clip(scope, Math.max(8, room - displayWidth('Log · ')))}`, focused, width, right);
}
