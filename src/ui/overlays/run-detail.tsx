import {FixedRows} from '../fixed-rows.js';
import {titleRow} from '../panels/panel-title.js';
import {markMatches} from '../row-text.js';
import {fit} from '../text-fit.js';
import {paint, theme} from '../theme.js';
import type {ViewLine} from './detail-lines.js';

export type RunDetailProps = {
	title: string;
	lines: readonly ViewLine[];
	scroll: number;
	search: string;
	width: number;
	height: number;
};

/** A scrolling view of wrapped lines (a run's detail), matches of the search marked; ↑↓ PgUp PgDn g G scroll. */
export function RunDetail({title, lines, scroll, search, width, height}: RunDetailProps) {
	const visible = Math.max(1, height - 1);
	const shown = lines.slice(scroll, scroll + visible);
	const position = lines.length > visible ? `${scroll + 1}-${scroll + shown.length} of ${lines.length}` : '';
	const rows = [
		titleRow(title, true, width, position),
		...shown.map(line => (line.divider ? paint(fit(line.text, width).trimEnd(), line.style) : markMatches(fit(line.text, width).trimEnd(), search, line.style, {color: theme.match, inverse: true}))),
	];
	return <FixedRows rows={rows} width={width} height={height}/>;
}
