/**
 * This machine's clock far from Redis's, said in the worker's log once, and again only after it was
 * back in step: the starts of runs a worker tells are on Redis's clock (redis-clock.ts), but the times
 * in the run logs written here are on this machine's, and only its operator can set it right.
 */
import type {WorkerLogger} from './worker-logger.js';

/** An offset beyond this is told (NTP keeps a clock within milliseconds). */
const toldOffsetMs = 2000;

export class ClockOffsetWarning {
	/** The offset was last told as off: said again only once it was back in step. */
	private toldOff = false;

	/** @param worker this worker's name, read when told (claimed after this is made) */
	constructor(private readonly logger: WorkerLogger, private readonly redisShown: string, private readonly worker: () => string) {}

	/** A beat measured how far Redis's clock is ahead of this machine's (negative: behind). */
	measured(offsetMs: number): void {
		const off = Math.abs(offsetMs) > toldOffsetMs;
		if (off && !this.toldOff) {
			const seconds = Math.round(Math.abs(offsetMs) / 1000);
			this.logger.warn({worker: this.worker(), offsetMs}, `this machine's clock is ${seconds} s ${offsetMs > 0 ? 'behind' : 'ahead of'} Redis's at ${this.redisShown}: the starts of runs told to the console are on Redis's clock, the times in runs' log lines on this one; set it right (NTP)`);
		}

		// Back in step once within half the bound, so an offset near it is not told at every beat.
		this.toldOff = off || (this.toldOff && Math.abs(offsetMs) > toldOffsetMs / 2);
	}
}
