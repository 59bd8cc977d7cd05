/**
 * What the scheduler's watches say about a job beyond its runs' own ends: a deadline missed (and met
 * late), a run past its max_duration, a heartbeat job late, down or back up. Plain data: it goes to the
 * notifier, the metrics and, as the `job-alert` event, to every client.
 */
export type JobAlertKind = 'deadline-missed' | 'deadline-met' | 'max-duration' | 'heartbeat-late' | 'heartbeat-down' | 'heartbeat-up';

export type JobAlert = {
	jobId: string;
	kind: JobAlertKind;
	/** When it was noticed (epoch ms). */
	at: number;
	/** One line for a person: what and why. */
	message: string;
	runId?: number;
	/** The day (YYYY-MM-DD, the job's zone) a deadline was for. */
	day?: string;
	/** Why a deadline was missed. */
	reason?: 'never started' | 'still running' | 'failed';
};

/** Kinds that start trouble; the rest end it. */
export const troubleKinds: ReadonlySet<JobAlertKind> = new Set(['deadline-missed', 'max-duration', 'heartbeat-late', 'heartbeat-down']);
