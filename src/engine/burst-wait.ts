/** While a burst is worked through, how often deferred work looks again, and how long it may wait at most. */
const pollMs = 5;
const maxWaitMs = 100;

/**
 * Work that waits for a burst of runs to be worked through (`busy`): done after the current turn of
 * the event loop if none is going, else once it has passed, looked at every 5 ms, and never more than
 * 100 ms after it was asked for. Writes and news of runs wait here, so that on the path of a burst's
 * starts the scheduler's thread does little else.
 */
export class BurstWait {
	private immediate: NodeJS.Immediate | undefined;
	private timeout: NodeJS.Timeout | undefined;
	private since = 0;

	constructor(private readonly busy: () => boolean, private readonly work: () => void) {}

	get isWaiting(): boolean {
		return this.immediate !== undefined || this.timeout !== undefined;
	}

	/** Asks for the work (once, however often asked before it is done). */
	request(): void {
		if (!this.isWaiting) {
			this.since = performance.now();
			this.immediate = setImmediate(() => this.check());
		}
	}

	/** Forgets the request (the caller does the work itself now). */
	cancel(): void {
		// Each handle to its own clear: clearImmediate on a timer would unlink it from the wrong list.
		clearImmediate(this.immediate);
		clearTimeout(this.timeout);
		this.immediate = undefined;
		this.timeout = undefined;
	}

	private check(): void {
		this.immediate = undefined;
		this.timeout = undefined;
		if (this.busy() && performance.now() - this.since < maxWaitMs) {
			this.timeout = setTimeout(() => this.check(), pollMs);
			return;
		}

		this.work();
	}
}
