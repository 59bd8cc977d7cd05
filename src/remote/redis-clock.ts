/**
 * Redis's clock as a worker reads it: how far this machine's clock is from Redis's, measured at each
 * heartbeat (Redis's TIME against the middle of the round trip). The times a worker tells the console
 * (a run taken, a run's start) are on it: a worker machine whose clock is off (no NTP) would otherwise
 * give a run a start hours from its end, and the console, counting the run's timeout from that start,
 * would time it out at once (a clock behind) or far too late (ahead). An offset far off is told in
 * the worker's log (clock-offset-warning.ts).
 */

/** A round trip slower than this (Redis busy, a reconnect) says too little of the offset: not used. */
const usableRoundTripMs = 1000;

export class RedisClock {
	private offsetMs = 0;

	/** Now on Redis's clock (this machine's, until a beat measured the offset). */
	now(): number {
		return this.on(Date.now());
	}

	/** `at`, a time of this machine's clock, on Redis's. */
	on(at: number): number {
		return at + this.offsetMs;
	}

	/** How far Redis's clock is ahead of this machine's (negative: behind), as last measured. */
	get offset(): number {
		return this.offsetMs;
	}

	/**
	 * Notes a reply of TIME (`[seconds, microseconds]`) sent at `sentAt` and read at `readAt` on this
	 * machine's clock; true when it was used.
	 */
	note(reply: unknown, sentAt: number, readAt: number): boolean {
		if (!Array.isArray(reply) || readAt - sentAt > usableRoundTripMs) {
			return false;
		}

		const redisMs = Number(reply[0]) * 1000 + Math.floor(Number(reply[1]) / 1000);
		if (!Number.isFinite(redisMs)) {
			return false;
		}

		this.offsetMs = Math.round(redisMs - ((sentAt + readAt) / 2));
		return true;
	}
}
