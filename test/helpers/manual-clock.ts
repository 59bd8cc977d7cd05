import type {Clock} from '../../src/scheduler/clock.js';

type Timer = {id: number; at: number; callback: () => void};

/** A clock that moves only when the test says so; timers fire in time order as it moves. */
export class ManualClock implements Clock {
	private timers: Timer[] = [];
	private nextId = 1;

	constructor(private current: number) {}

	now(): number {
		return this.current;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const timer = {id: this.nextId++, at: this.current + Math.max(0, ms), callback};
		this.timers.push(timer);
		return timer.id;
	}

	clearTimeout(handle: unknown): void {
		this.timers = this.timers.filter(timer => timer.id !== handle);
	}

	/** Moves time forward, firing each due timer at its own instant. */
	advance(ms: number): void {
		const target = this.current + ms;
		for (;;) {
			const due = this.timers.filter(timer => timer.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
			if (!due) {
				break;
			}

			this.timers = this.timers.filter(timer => timer !== due);
			this.current = Math.max(this.current, due.at);
			due.callback();
		}

		this.current = target;
	}

	/**
	 * Jumps the wall clock without firing timers first (a clock step), then lets due timers fire. A step
	 * forward makes them due at once (standing in for the scheduler's few-second jump check); a step back
	 * leaves them as far away as they were, as Node's timers (on the monotonic clock) are.
	 */
	jump(ms: number): void {
		this.stepBack(ms);
		this.current += ms;
		this.advance(0);
	}

	/** Sets the wall clock without firing timers: later is time the thread was busy, earlier a step back. */
	set(instant: number): void {
		this.stepBack(instant - this.current);
		this.current = instant;
	}

	private stepBack(ms: number): void {
		if (ms < 0) {
			this.timers = this.timers.map(timer => ({...timer, at: timer.at + ms}));
		}
	}
}
