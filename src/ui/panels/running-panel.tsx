import {memo} from 'react';
import type {LiveRunView} from '../../protocol/snapshot.js';
import {FixedRows} from '../fixed-rows.js';
import {overMaxDurationGlyph, overMaxDurationNote} from '../max-duration-text.js';
import {rowText} from '../row-text.js';
import {displayWidth} from '../text-fit.js';
import {glyphs, statusGlyph, theme} from '../theme.js';
import {progressBar} from './progress-bar.js';
import {runningColumns, runTailTexts, type RunningColumns} from './running-columns.js';
import {scrollOffset, titleRow} from './panel-title.js';

export type RunningPanelProps = {
	runs: readonly LiveRunView[];
	cursor: number;
	focused: boolean;
	width: number;
	height: number;
	now: number;
};

function runRow(run: LiveRunView, selected: boolean, idWidth: number, barWidth: number, columns: RunningColumns, now: number, width: number): string {
	const percent = run.progress === undefined ? '' : `${Math.round(run.progress * 100)}%`;
	// Past its max_duration it is marked for as long as it goes on, not only in the alert that told it once.
	const over = overMaxDurationNote(run);
	const head = rowText([
		{text: selected ? glyphs.cursor : ' ', width: 1, style: {color: theme.focus}},
		{text: over ? overMaxDurationGlyph : statusGlyph[run.status], width: 2, style: {color: over ? theme.bad : theme.accent}},
		{text: run.jobId, width: idWidth, pad: 1, style: {inverse: selected}},
	], width);
	const bar = run.status === 'running' ? progressBar(run.progress, barWidth) : rowText([{text: 'queued', width: barWidth, style: {color: theme.muted}}], barWidth);
	const restWidth = Math.max(0, width - 3 - idWidth - 1 - barWidth);
	const tail = runTailTexts(run, now);
	const rest = rowText([
		{text: percent, width: 5, align: 'right'},
		// A run on a worker names it first: which machine carries it out matters more than its last words.
		// The message takes what the columns after it leave, and is what gets cut (with …), never the bar.
		// A queued run's is why it waits (its queue's limit, max_parallel, its own job's run).
		{text: `  ${[over, run.worker ? `on ${run.worker}` : '', run.message ?? run.waitingFor ?? ''].filter(Boolean).join(' · ')}`, width: Math.max(0, restWidth - 5 - columns.elapsed - columns.runId - columns.attempt), style: {color: over ? theme.bad : theme.muted}},
		{text: tail.elapsed, width: columns.elapsed, align: 'right', style: {color: over ? theme.bad : undefined}},
		{text: tail.runId, width: columns.runId, align: 'right', style: {color: theme.muted}},
		{text: tail.attempt, width: columns.attempt, align: 'right', style: {color: theme.warn}},
	], restWidth);
	return head + bar + rest;
}

/** Every live run: progress bar, percent, its worker and last message, elapsed time, run id, attempt; queued runs after them. */
export const RunningPanel = memo(function RunningPanel({runs, cursor, focused, width, height, now}: RunningPanelProps) {
	const visible = Math.max(1, height - 1);
	const offset = scrollOffset(cursor, visible, runs.length);
	// A long id takes a quarter of the row at most (20 cells at 80 columns): at 32 it left the message
	// four cells (`hang…`) beside the bar; the id, cut, still names the job next to the Jobs panel.
	const idWidth = Math.min(32, Math.max(12, Math.floor(width / 4)), Math.max(12, ...runs.map(run => displayWidth(run.jobId))));
	const barWidth = Math.max(8, Math.min(30, Math.floor(width * 0.2)));
	const running = runs.filter(run => run.status === 'running').length;
	const title = `Running (${running}${runs.length > running ? `, ${runs.length - running} queued` : ''})`;
	const shown = runs.slice(offset, offset + visible);
	const columns = runningColumns(shown, now);
	// More runs than rows (at 80×24 the panel has four at most): which are shown, as the jobs, services and
	// failures panels say it; with the keys' note when both fit, else the range alone.
	const range = runs.length > visible ? `${offset + 1}-${offset + shown.length} of ${runs.length}` : '';
	const keysNote = focused && runs.length > 0 ? 'Enter: detail · c: cancel' : '';
	const fits = (note: string) => displayWidth(title) + displayWidth(note) + 3 <= width;
	const withKeys = [range, keysNote].filter(Boolean).join(' · ');
	const rows = [
		titleRow(title, focused, width, fits(withKeys) ? withKeys : (fits(range) ? range : '')),
		...shown.map((run, index) => runRow(run, focused && offset + index === cursor, idWidth, barWidth, columns, now, width)),
	];
	if (runs.length === 0) {
		rows.push(rowText([{text: '  nothing running', style: {color: theme.muted}}], width));
	}

	return <FixedRows rows={rows} width={width} height={height}/>;
});
