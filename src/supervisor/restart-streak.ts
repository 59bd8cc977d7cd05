/**
 * A service's starts in a row, as its restart policy (restart-policy.ts) counts them: the attempt of
 * the current streak, quick exits in a row (the backoff doubles with each), starts within the start
 * limit's interval, and restarts today (what the console shows as "↺3"). Pure counting, no timers.
 */
import {DailyRestarts} from './daily-restarts.js';
import {afterExit, StartTimes, type AfterExit} from './restart-policy.js';
import type {ServiceDefinition} from './service-definition.js';

export class RestartStreak {
	private attemptNumber = 0;
	private quickExitCount = 0;
	private readonly starts = new StartTimes();
	private readonly restarts: DailyRestarts;

	constructor(timezone: () => string) {
		this.restarts = new DailyRestarts(timezone);
	}

	/** The start of the current streak, 1 for the first. */
	get attempt(): number {
		return this.attemptNumber;
	}

	/** Quick exits in a row (shorter than min_uptime, or before it was up). */
	get quickExits(): number {
		return this.quickExitCount;
	}

	/** A new streak: a window opened, or a manual start. */
	startOver(): void {
		this.attemptNumber = 0;
		this.quickExitCount = 0;
	}

	/** A manual start: the start limit counts from here. */
	startedByHand(): void {
		this.starts.clear();
		this.quickExitCount = 0;
	}

	/** A process a previous scheduler started, as its run's attempt. */
	adopted(attempt: number): void {
		this.attemptNumber = attempt;
	}

	/** A start at `now`; every start after the streak's first is a restart. */
	began(now: number): void {
		this.attemptNumber++;
		this.starts.add(now);
		if (this.attemptNumber > 1) {
			this.restarts.add(now);
		}
	}

	/** An exit nobody asked for: a quick one adds to the quick exits in a row, a later one starts them over. */
	exited(quick: boolean): void {
		this.quickExitCount = quick ? this.quickExitCount + 1 : 1;
	}

	/** Stopped for not being ready in time: a quick exit. */
	notReady(): void {
		this.quickExitCount++;
	}

	/** Up for min_uptime: the restart delay starts over. */
	stable(): void {
		this.quickExitCount = 0;
	}

	/** What its policy says after an exit at `now`. */
	decide(def: ServiceDefinition, failed: boolean, now: number): AfterExit {
		return afterExit(def, failed, Math.max(1, this.quickExitCount), this.starts.countSince(now - def.startLimitIntervalMs));
	}

	today(now: number): number {
		return this.restarts.today(now);
	}

	/** Restarts since this scheduler started, whatever the day. */
	get sinceStart(): number {
		return this.restarts.sinceStart;
	}

	/** Restarts counted so far today (seeded from history after a scheduler restart). */
	seed(day: string, count: number): void {
		this.restarts.seed(day, count);
	}
}
