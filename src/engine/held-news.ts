/** While busy, how often held news is looked at again, and how long it may wait at most. */
const pollMs = 5;
const maxHoldMs = 100;

/**
 * What is told of runs (their lines in the process log and the tail, their events) while a burst of
 * runs is worked through: held and told, in order, once the burst is through (never more than 100 ms
 * late). On the path from a free worker to the next run the scheduler's thread then only hands out
 * runs; at a hundred runs a second the telling was a fifth of its work there.
 */
export class HeldNews {
	private held: Array<() => void> = [];
	private heldSince = 0;
	private timer: NodeJS.Timeout | undefined;
	private flushing = false;

	/** `busy`: whether runs wait for a slot to free (a burst being worked through). */
	constructor(private readonly busy: () => boolean) {}

	/** Tells `news` now, or after what is held, once the scheduler is no longer busy. */
	tell(news: () => void): void {
		if (this.held.length === 0 && !this.flushing && !this.busy()) {
			news();
			return;
		}

		if (this.held.length === 0 && !this.flushing) {
			this.heldSince = performance.now();
			this.timer = setTimeout(() => this.poll(), pollMs);
		}

		this.held.push(news);
	}

	/** Tells everything held, in order; news told meanwhile (a listener's) goes after it. */
	flush(): void {
		if (this.flushing) {
			return;
		}

		clearTimeout(this.timer);
		this.timer = undefined;
		this.flushing = true;
		try {
			while (this.held.length > 0) {
				const held = this.held;
				this.held = [];
				for (const news of held) {
					news();
				}
			}
		} finally {
			this.flushing = false;
		}
	}

	private poll(): void {
		if (this.busy() && performance.now() - this.heldSince < maxHoldMs) {
			this.timer = setTimeout(() => this.poll(), pollMs);
			return;
		}

		this.flush();
	}
}
