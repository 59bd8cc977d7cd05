/**
 * What the supervisor tells the operator's phone, as jobs do: the first unexpected exit inside the
 * window (not every one of a crash loop), a crash loop ending `fatal`, a service not up by its window's
 * start plus its grace; and the recovery once it has stayed up (`min_uptime`) after any of them.
 */
export type ServiceAlertKind = 'service-exited' | 'service-fatal' | 'service-not-up' | 'service-recovered';

export type ServiceAlert = {
	serviceId: string;
	kind: ServiceAlertKind;
	/** When it was noticed (epoch ms). */
	at: number;
	/** One line for a person: what and why. */
	message: string;
	/** The run (one start) it is about. */
	runId?: number;
	/** The last lines its process wrote to stderr, for an exit. */
	stderrTail?: string[];
};

/**
 * One open incident per service: the first trouble alerts, trouble while it is open does not (except
 * `fatal`, which is news of its own), and the recovery closes it. An incident still open when a new
 * window opens (the last one closed before the service was up for min_uptime) stays open for its
 * recovery, but the new window's first trouble is news again: the next trading day's crash at the open.
 */
export class ServiceIncident {
	private open = false;
	/** Trouble was told in the current window. */
	private toldInWindow = false;

	/** Trouble seen: whether to send it. */
	trouble(kind: Exclude<ServiceAlertKind, 'service-recovered'>): boolean {
		const first = !this.open || !this.toldInWindow;
		this.open = true;
		this.toldInWindow = true;
		return first || kind === 'service-fatal';
	}

	/** The service stayed up: whether that is a recovery to send. */
	recovered(): boolean {
		const was = this.open;
		this.open = false;
		return was;
	}

	/** A new window opened: its first trouble alerts, whether or not the last window's incident is still open. */
	newWindow(): void {
		this.toldInWindow = false;
	}

	get isOpen(): boolean {
		return this.open;
	}
}
