import {formatDuration} from '../../config/quantities.js';
import {triggerText} from '../../protocol/run-summary.js';
import type {RunSummary} from '../../protocol/snapshot.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {FixedRows} from '../fixed-rows.js';
import {scrollOffset, titleRow} from '../panels/panel-title.js';
import {plainRow, rowText} from '../row-text.js';
import {displayWidth} from '../text-fit.js';
import {glyphs, statusColor, statusGlyph, theme} from '../theme.js';

/** `catch-up #2`, `backfill #3`: a trigger with its attempt, as history shows it, and a space. */
const triggerWidth = 12;

/** `zone`: the console's, the scheduler's (jobs.yaml's `timezone`), SCHEDULED is in. @default 'Asia/Shanghai' */
export type RunsListProps = {title: string; runs: readonly RunSummary[]; cursor: number; width: number; height: number; zone?: string};

/** Runs from history (`:runs failed`), newest first, with a cursor; Enter opens one, Esc goes back. */
export function RunsList({title, runs, cursor, width, height, zone = exchangeTimeZone}: RunsListProps) {
	const visible = Math.max(1, height - 2);
	const offset = scrollOffset(cursor, visible, runs.length);
	// A long id takes a quarter of the row at most (20 cells at 80 columns), as in the Running and Failures
	// panels: at 32 it cut DURATION's heading and left out the error at 80 columns.
	const idWidth = Math.min(32, Math.max(6, Math.floor(width / 4)), Math.max(6, ...runs.map(run => displayWidth(run.jobId))));
	const rows = [
		titleRow(title, true, width, runs.length > visible ? `${offset + 1}-${Math.min(runs.length, offset + visible)} of ${runs.length}` : ''),
		plainRow(`    ${'RUN'.padEnd(8)}${'JOB'.padEnd(idWidth + 1)}${'TRIGGER'.padEnd(triggerWidth)}${'SCHEDULED'.padEnd(15)}${'DURATION'.padEnd(9)}ERROR`, width, {color: theme.muted}),
		...runs.slice(offset, offset + visible).map((run, index) => {
			const selected = offset + index === cursor;
			return rowText([
				{text: selected ? glyphs.cursor : ' ', width: 2, style: {color: theme.focus}},
				{text: statusGlyph[run.status], width: 2, style: {color: statusColor(run.status)}},
				{text: String(run.id), width: 8, style: {inverse: selected}},
				// The blank after the id is its own: a cut id ends in `…`, not in the trigger (`…_and_…schedule`).
				{text: run.jobId, width: idWidth, pad: 1},
				{text: triggerText(run), width: triggerWidth, style: {color: theme.muted}},
				{text: formatZonedIso(run.scheduledAt, zone).slice(5, 16).replace('T', ' '), width: 15},
				{text: run.durationMs === undefined ? '' : formatDuration(run.durationMs), width: 9},
				{text: run.error ? `${run.error.type}: ${run.error.message.split('\n')[0]}` : run.status, style: {color: statusColor(run.status)}},
			], width);
		}),
	];
	if (runs.length === 0) {
		rows.push(plainRow('  no runs match', width, {color: theme.muted}));
	}

	return <FixedRows rows={rows} width={width} height={height}/>;
}
