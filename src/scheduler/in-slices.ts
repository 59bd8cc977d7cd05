/** How long a slice of work may hold the scheduler's thread before the fires due get their turn. */
const sliceMs = 8;

const nextTurn = async () => new Promise<void>(resolve => {
	setImmediate(resolve);
});

/**
 * Does `work` for each item, letting the event loop go round whenever a slice has taken a few
 * milliseconds: timers that come due meanwhile (a second's fire) run between slices, not after it all.
 */
export async function inSlices<T>(items: Iterable<T>, work: (item: T) => void): Promise<void> {
	let sliceStart = performance.now();
	for (const item of items) {
		if (performance.now() - sliceStart >= sliceMs) {
			await nextTurn();
			sliceStart = performance.now();
		}

		work(item);
	}
}
