import {addDays, zonedDate, zonedInstant} from '../time/zoned-time.js';
import type {Clock} from './clock.js';
import type {TodayLedger} from './today-ledger.js';

/** A wall clock stepped forward (NTP, a suspended VM) is noticed within this long. */
const longestWaitMs = 60_000;

/**
 * Turns today's figures over at midnight in the configured zone, and tells clients. Without it they
 * rolled over only when something else changed: a console left open through a quiet night showed
 * yesterday's runs, failures and success rate as today's until the morning's first fire.
 */
export class DayRollover {
	private timer: unknown;

	constructor(private readonly deps: {
		clock: Clock;
		today: TodayLedger;
		timeZone(): string;
		/** The day turned over: today's figures and the job rows changed. */
		rolled(): void;
	}) {}

	start(): void {
		this.stop();
		this.arm();
	}

	stop(): void {
		this.deps.clock.clearTimeout(this.timer);
		this.timer = undefined;
	}

	private arm(): void {
		const now = this.deps.clock.now();
		const timeZone = this.deps.timeZone();
		const midnight = zonedInstant(addDays(zonedDate(now, timeZone), 1), timeZone).getTime();
		this.timer = this.deps.clock.setTimeout(() => this.wake(), Math.min(Math.max(midnight - now, 0), longestWaitMs));
	}

	private wake(): void {
		if (this.deps.today.rollOver(this.deps.clock.now())) {
			this.deps.rolled();
		}

		this.arm();
	}
}
