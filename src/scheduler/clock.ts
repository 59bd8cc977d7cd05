/** Time as the scheduler sees it; tests inject a clock of their own. */
export type Clock = {
	now(): number;
	/** Milliseconds on a clock that never steps, for durations (a clock without it measures them on `now`). */
	monotonic?(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

/** Node's timers overflow past this (2^31 - 1 ms, ~24.8 days) and fire at once. */
const longestTimerMs = 2_147_483_647;

type ChainedTimer = {current?: NodeJS.Timeout};

/**
 * The real clock. A wait longer than Node's timers can hold (`timeout: 25d`, a long misfire grace) is
 * chained: timers of at most ~24.8 days, one after another, never one that fires at once.
 */
export const systemClock: Clock = {
	now: () => Date.now(),
	monotonic: () => performance.now(),
	setTimeout(callback, ms) {
		const handle: ChainedTimer = {};
		const arm = (left: number) => {
			const step = Math.min(Math.max(left, 0), longestTimerMs);
			handle.current = setTimeout(() => (left > longestTimerMs ? arm(left - longestTimerMs) : callback()), step);
		};

		arm(ms);
		return handle;
	},
	clearTimeout(handle) {
		clearTimeout((handle as ChainedTimer | undefined)?.current);
	},
};
