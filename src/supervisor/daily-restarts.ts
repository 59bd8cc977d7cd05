/** Restarts of a service counted per day (the config's zone): what the console shows as "↺3". */
import {zonedDate} from '../time/zoned-time.js';

export class DailyRestarts {
	private day = '';
	private count = 0;

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
	}

	today(now: number): number {
		return zonedDate(now, this.timezone()) === this.day ? this.count : 0;
	}
}
