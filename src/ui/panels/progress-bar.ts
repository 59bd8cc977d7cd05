import {glyphs, paint, theme} from '../theme.js';

/** A progress bar of `width` cells, painted; an unknown fraction is an empty bar. */
export function progressBar(fraction: number | undefined, width: number): string {
	if (fraction === undefined) {
		return paint(glyphs.barEmpty.repeat(width), {color: theme.muted});
	}

	const filled = Math.round(Math.min(Math.max(fraction, 0), 1) * width);
	return paint(glyphs.barFull.repeat(filled), {color: theme.accent}) + paint(glyphs.barEmpty.repeat(width - filled), {color: theme.muted});
}
