/** The signals that stop a scheduler (and a console) gracefully. */
export const stopSignals = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/**
 * The stop signals of a scheduler's (or a console's) start, heard from before it takes the root's lock.
 * Without a listener Node ends the process at once on SIGTERM: one arriving while the host opens (the
 * database prepared, `data/sage.lock` taken, jobs.yaml read, all synchronous) left the lock behind, and
 * exited 143. Heard here, the first one is kept until the command hands its own handler over (which then
 * hears it at once), so a start stopped early ends as a started scheduler stopped by a signal does.
 */
export class StartSignals {
	private first: NodeJS.Signals | undefined;
	private handler: ((signal: NodeJS.Signals) => void) | undefined;
	private readonly listen = (signal: NodeJS.Signals) => {
		if (this.handler) {
			this.handler(signal);
		} else {
			this.first ??= signal;
		}
	};

	constructor() {
		for (const signal of stopSignals) {
			process.on(signal, this.listen);
		}
	}

	/** The first stop signal heard while nobody was handed them, if any. */
	get received(): NodeJS.Signals | undefined {
		return this.first;
	}

	/** From now on the stop signals go to `handler`; one heard before is handed to it at once. */
	handTo(handler: (signal: NodeJS.Signals) => void): void {
		this.handler = handler;
		if (this.first) {
			handler(this.first);
		}
	}

	/** No longer listening: whoever listens now (the console's screen) has the signals. */
	release(): void {
		for (const signal of stopSignals) {
			process.off(signal, this.listen);
		}
	}
}
