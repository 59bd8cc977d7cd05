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
 * `fatal`, which is news of its own), and the recovery closes it.
 */
export class ServiceIncident {
	private open = false;

	/** Trouble seen: whether to send it. */
	trouble(kind: Exclude<ServiceAlertKind, 'service-recovered'>): boolean {
		const first = !this.open;
		this.open = true;
		return first || kind === 'service-fatal';
	}

	/** The service stayed up: whether that is a recovery to send. */
	recovered(): boolean {
		const was = this.open;
		this.open = false;
		return was;
	}

	/**
	 * A new window opened: what the last one left open (it closed before the service was up for
	 * min_uptime) is not this window's, and must not mute its first exit or its not-up alert.
	 */
	newWindow(): void {
		this.open = false;
	}

	get isOpen(): boolean {
		return this.open;
	}
}
