import {glyphs} from './theme.js';

/**
 * Values as a row of block glyphs, lowest ▁ to highest █, scaled between the smallest and the largest
 * value (all equal: a flat middle row). For a job's durations over its last runs.
 */
export function sparkline(values: readonly number[]): string {
	if (values.length === 0) {
		return '';
	}

	const sparks = [...glyphs.sparks];
	const low = Math.min(...values);
	const high = Math.max(...values);
	return values.map(value => sparks[high === low ? 3 : Math.round(((value - low) / (high - low)) * (sparks.length - 1))]).join('');
}

/** The middle value (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : ((sorted[middle - 1]! + sorted[middle]!) / 2);
}
