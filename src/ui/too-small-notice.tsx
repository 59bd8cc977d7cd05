import {memo} from 'react';
import {FixedRows} from './fixed-rows.js';
import {plainRow} from './row-text.js';
import {theme} from './theme.js';

export type TooSmallNoticeProps = {
	columns: number;
	rows: number;
	need: {columns: number; rows: number};
};

/**
 * What shows between the header and the status line on a terminal too small for the panels: a line
 * saying so, rather than panels cut to `7sru…` or pushed off the screen. One wording at every width
 * (docs/console.md quotes it); short enough for 40 columns, cut with `…` below that.
 */
export const TooSmallNotice = memo(function TooSmallNotice({columns, rows, need}: TooSmallNoticeProps) {
	const text = `terminal too small (${columns}×${rows}): needs ${need.columns}×${need.rows}`;
	return <FixedRows rows={[plainRow(text, columns, {color: theme.warn, bold: true})]} width={columns}/>;
});
