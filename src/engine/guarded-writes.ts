import type {Clock} from './ports.js';

/**
 * History writes that fail (a full disk, a read-only file system) are never silent: each failure is
 * logged with what could not be recorded and shown in the header, the scheduler keeps firing the jobs
 * it can record, and recovery is announced once writes work again.
 */
export class GuardedWrites {
	problem: {message: string; at: number} | undefined;

	constructor(
		private readonly clock: Clock,
		private readonly say: (level: 'info' | 'error', message: string) => void,
		private readonly changed: () => void,
	) {}

	/** Runs `write`; on failure reports "could not WHAT: reason" and returns undefined. */
	run<T>(what: string, write: () => T): T | undefined {
		try {
			const result = write();
			if (this.problem && this.clock.now() - this.problem.at > 5000) {
				this.say('info', 'history writes work again');
				this.problem = undefined;
				this.changed();
			}

			return result;
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			this.problem = {message, at: this.clock.now()};
			this.say('error', `could not ${what}: ${message}`);
			this.changed();
			return undefined;
		}
	}

	/** For the header while writes fail. */
	get notice(): string | undefined {
		return this.problem ? `writes failing: ${this.problem.message}` : undefined;
	}
}
