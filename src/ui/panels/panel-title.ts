import {displayWidth, fit} from '../text-fit.js';
import {glyphs, paint, theme} from '../theme.js';

/** A panel's heading row: highlighted when the panel has the keyboard, a note on the right. */
export function titleRow(title: string, focused: boolean, width: number, right = ''): string {
	const left = `${focused ? glyphs.focusBar : ' '}${title} `;
	const tail = right ? ` ${right}` : '';
	const rule = glyphs.rule.repeat(Math.max(0, width - displayWidth(left) - displayWidth(tail)));
	return paint(fit(`${left}${rule}${tail}`, width), {color: focused ? theme.focus : theme.muted, bold: focused});
}

/** The first row to show so that `cursor` stays in a window of `visible` rows over `count`. */
export function scrollOffset(cursor: number, visible: number, count: number): number {
	return Math.min(Math.max(0, cursor - visible + 1), Math.max(0, count - visible));
}
