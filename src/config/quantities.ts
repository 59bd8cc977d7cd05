const durationUnits: Record<string, number> = {
	ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000,
};

/**
 * `20m`, `1h30m`, `2s`, `500ms`, `1d`; a bare number means seconds.
 * @returns milliseconds, or undefined when the text is not a duration
 */
/**
 * The longest duration a config may give (a year): timers this long are chained safely, and longer is
 * a slip (a unit missed or doubled) far more often than a plan.
 */
export const longestDurationMs = 366 * 86_400_000;

/** Why a duration `key: value` read as `ms` cannot be used, or undefined when it can. */
export function durationProblem(key: string, value: unknown, ms: number | undefined, {allowZero = false, longestMs = longestDurationMs} = {}): string | undefined {
	if (ms === undefined) {
		// A list or mapping as text reads wrong: [30s] would say '"30s" is not a duration'.
		return typeof value === 'string' || typeof value === 'number'
			? `${key} "${String(value)}" is not a duration (use 500ms, 30s, 20m, 1h30m, 2d)`
			: `${key} must be a duration (500ms, 30s, 20m, 1h30m, 2d), not ${JSON.stringify(value)}`;
	}

	if (!allowZero && ms <= 0) {
		return `${key} must be above 0, not "${String(value)}" (a bare number is seconds: 30 is 30s)`;
	}

	if (ms > longestMs) {
		return `${key} "${String(value)}" is longer than ${formatDuration(longestMs)}: too long to be meant`;
	}

	return undefined;
}

export function parseDuration(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
	}

	if (typeof value !== 'string') {
		return undefined;
	}

	const text = value.trim().toLowerCase();
	if (/^\d+(\.\d+)?$/.test(text)) {
		return Number(text) * 1000;
	}

	const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|sec|min|s|m|h|d|w)/g)];
	if (parts.length === 0 || parts.map(p => p[0]).join('') !== text.replaceAll(/\s+/g, '')) {
		return undefined;
	}

	return parts.reduce((total, [, amount, unit]) => total + (Number(amount) * durationUnits[unit!]!), 0);
}

const sizeUnits: Record<string, number> = {b: 1 / (1024 * 1024), kb: 1 / 1024, mb: 1, m: 1, gb: 1024, g: 1024};

/** `512mb`, `2gb`; a bare number means MiB. @returns MiB */
export function parseMemorySize(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return value > 0 ? value : undefined;
	}

	if (typeof value !== 'string') {
		return undefined;
	}

	const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|m|gb|g)?$/i.exec(value.trim());
	if (!match) {
		return undefined;
	}

	return Number(match[1]) * sizeUnits[(match[2] ?? 'mb').toLowerCase()]!;
}

export function formatDuration(ms: number): string {
	// Rounded once, before the units are split, so a carry goes up: 59.6 s is 1m00s, 4m59.6s is 5m00s
	// (not 60s, 4m60s), 999.6 ms is 1.0s.
	if (Math.round(ms) < 1000) {
		return `${Math.round(ms)}ms`;
	}

	if (Math.round(ms / 100) < 100) {
		return `${(Math.round(ms / 100) / 10).toFixed(1)}s`;
	}

	const seconds = Math.round(ms / 1000);
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 48) {
		return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
	}

	return hours % 24 === 0 ? `${hours / 24}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
}
