/** A frame's main-thread time, with room to spare: a frame starts only when the scheduler is quiet this long. */
export const frameBudgetMs = 40;
/** However busy the scheduler, the screen is never staler than this. */
const maxDeferMs = 1000;
/** How often a deferred frame looks again for a quiet moment. */
const retryMs = 15;

/** Answers whether the scheduler can spare the thread for `ms` (see Engine.isQuietFor). */
export type QuietCheck = (ms: number) => boolean;

/**
 * Runs `draw` after `delayMs`, or later while the scheduler is busy (runs waiting for a slot, a fire
 * due within a frame's budget), but never more than a second later. A frame costs Ink ~15 ms of the
 * thread the scheduler runs on; drawn in the gaps, it never makes a fire or a start late. Returns a
 * cancel function.
 */
export function drawWhenQuiet(isQuiet: QuietCheck, delayMs: number, draw: () => void): () => void {
	const dueAt = Date.now() + delayMs;
	let timer: NodeJS.Timeout;
	const attempt = () => {
		if (!isQuiet(frameBudgetMs) && Date.now() - dueAt < maxDeferMs) {
			timer = setTimeout(attempt, retryMs);
			return;
		}

		draw();
	};

	timer = setTimeout(attempt, Math.max(0, delayMs));
	return () => clearTimeout(timer);
}
