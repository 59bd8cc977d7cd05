import {glyphs} from './theme.js';

/**
 * Values as a row of block glyphs, each as tall as its share of the largest (from 0, as a bar chart):
 * durations that differ by a few percent (1.96s, 2.04s, read "median 2.0s · max 2.0s" beside it) draw
 * a flat line, not ▁ to █ as a min-to-max scale made of them. For a job's durations over its last runs.
 */
export function sparkline(values: readonly number[]): string {
	if (values.length === 0) {
		return '';
	}

	const sparks = [...glyphs.sparks];
	const high = Math.max(...values);
	return values.map(value => sparks[high <= 0 ? 0 : Math.round((Math.max(0, value) / high) * (sparks.length - 1))]).join('');
}

/** The middle value (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : ((sorted[middle - 1]! + sorted[middle]!) / 2);
}
