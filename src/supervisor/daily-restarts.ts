/**
 * Restarts of a service counted per day (the config's zone): what the console shows as "↺3"; and in
 * all since this scheduler started, which no midnight resets (Prometheus's `sage_service_restarts_total`).
 */
import {zonedDate} from '../time/zoned-time.js';

export class DailyRestarts {
	private day = '';
	private count = 0;
	private total = 0;

	/** @param timezone The config's zone now (a reload may change it). */
	constructor(private readonly timezone: () => string) {}

	/** After a scheduler restart: what history counted today so far. */
	seed(day: string, count: number): void {
		this.day = day;
		this.count = count;
	}

	add(now: number): void {
		const day = zonedDate(now, this.timezone());
		this.count = day === this.day ? this.count + 1 : 1;
		this.day = day;
		this.total++;
	}

	/** Restarts since this scheduler started: not seeded from history, not reset at midnight. */
	get sinceStart(): number {
		return this.total;
	}

	today(now: number): number {
		return zonedDate(now, this.timezone()) === this.day ? this.count : 0;
	}
}
