import {BurstWait} from './burst-wait.js';

/**
 * What is told of runs (their lines in the process log and the tail, their events) while a burst of
 * runs is worked through: held and told, in order, once the burst is through (never more than 100 ms
 * late). On the path from a free worker to the next run the scheduler's thread then only hands out
 * runs; at a hundred runs a second the telling was a fifth of its work there.
 */
export class HeldNews {
	private held: Array<() => void> = [];
	private captured: Array<() => void> | undefined;
	private flushing = false;
	private readonly wait: BurstWait;

	/** `busy`: whether a burst of runs is being worked through. */
	constructor(private readonly busy: () => boolean) {
		this.wait = new BurstWait(busy, () => this.flush());
	}

	/** Tells `news` now, or after what is held, once the scheduler is no longer busy. */
	tell(news: () => void): void {
		if (this.captured) {
			this.captured.push(news);
			return;
		}

		if (this.held.length === 0 && !this.flushing && !this.busy()) {
			news();
			return;
		}

		this.held.push(news);
		if (!this.flushing) {
			this.wait.request();
		}
	}

	/**
	 * Runs `work` and returns what it told instead of telling it, for the caller to tell (in order) after
	 * news of its own that must come first: a run's end before the start of the run its slot went to.
	 */
	capture(work: () => void): Array<() => void> {
		const outer = this.captured;
		const captured: Array<() => void> = [];
		this.captured = captured;
		try {
			work();
		} finally {
			this.captured = outer;
		}

		return captured;
	}

	/** Tells everything held, in order; news told meanwhile (a listener's) goes after it. */
	flush(): void {
		if (this.flushing) {
			return;
		}

		this.wait.cancel();
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
}
