import {FixedRows} from '../fixed-rows.js';
import {titleRow} from '../panels/panel-title.js';
import {markMatches, plainRow} from '../row-text.js';
import {fit} from '../text-fit.js';
import {theme} from '../theme.js';
import type {ViewLine} from './detail-lines.js';

export type RunDetailProps = {
	title: string;
	lines: readonly ViewLine[];
	scroll: number;
	search: string;
	width: number;
	height: number;
	hint: string;
};

/** A scrolling view of wrapped lines (a run's detail), matches of the search marked; ↑↓ PgUp PgDn g G scroll. */
export function RunDetail({title, lines, scroll, search, width, height, hint}: RunDetailProps) {
	const visible = Math.max(1, height - 2);
	const shown = lines.slice(scroll, scroll + visible);
	const position = lines.length > visible ? `${scroll + 1}-${scroll + shown.length} of ${lines.length}` : '';
	const rows = [
		titleRow(title, true, width, position),
		...shown.map(line => markMatches(fit(line.text, width).trimEnd(), search, line.style, {color: theme.match, inverse: true})),
	];
	while (rows.length < height - 1) {
		rows.push('');
	}

	rows.push(plainRow(hint, width, {color: theme.muted}));
	return <FixedRows rows={rows} width={width} height={height}/>;
}
