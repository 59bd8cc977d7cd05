/** "in 3m", "in 2h05m", "in 3d"; "now" within a second. */
export function formatIn(ms: number): string {
	if (ms < 1000) {
		return 'now';
	}

	const seconds = Math.floor(ms / 1000);
	if (seconds < 60) {
		return `in ${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `in ${minutes}m`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 48) {
		return `in ${hours}h${String(minutes % 60).padStart(2, '0')}m`;
	}

	return `in ${Math.floor(hours / 24)}d`;
}

/** "12s", "3m04s", "1h02m" for an elapsed time. */
export function formatElapsed(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
	}

	return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** "45s", "12m", "2h 10m", "3d 4h": how long until a boundary, for the header's countdown. */
export function formatCountdown(ms: number): string {
	const seconds = Math.max(0, Math.ceil(ms / 1000));
	if (seconds < 60) {
		return `${seconds}s`;
	}

	// Rounded up: "opens in 1m" until the minute it opens, never "in 0m".
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 48) {
		return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
	}

	return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
