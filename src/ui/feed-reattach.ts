/**
 * How long a console waits before each try to re-attach to its scheduler after it went away (the
 * last one repeats): a systemd restart takes a second or two.
 */
export const reattachDelaysMs: readonly number[] = [1000, 1000, 2000];

/**
 * Tries to attach again after each pause, the pause growing to the last delay and then repeating,
 * until a try succeeds or `stop()` (the console closed): a scheduler that never comes back is tried
 * every 2 s for as long as the console is open.
 */
export class ReattachRetry {
	private timer: NodeJS.Timeout | undefined;
	private stopped = false;

	/** `attempt` rejects while no scheduler answers (or the one that did could not be subscribed to). */
	constructor(private readonly attempt: () => Promise<void>, private readonly delaysMs: readonly number[] = reattachDelaysMs) {}

	start(): void {
		this.stopped = false;
		this.schedule(0);
	}

	stop(): void {
		this.stopped = true;
		clearTimeout(this.timer);
	}

	private schedule(tries: number): void {
		this.timer = setTimeout(() => {
			this.attempt().catch(() => {
				if (!this.stopped) {
					this.schedule(tries + 1);
				}
			});
		}, this.delaysMs[Math.min(tries, this.delaysMs.length - 1)] ?? 1000);
		this.timer.unref();
	}
}
