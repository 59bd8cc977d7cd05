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
