import type {NotificationStore} from './notification-types.js';

/**
 * Which jobs' failure alerts no channel has taken. A job is marked in the database (its `alert-untold:JOB`
 * row) as its failure alert is queued, and unmarked once a channel takes it, so a scheduler that dies
 * while the alert is still queued or retried (kill -9, the OOM killer, a power cut, a robot that hangs
 * for its attempts) leaves the mark to the next start: the job's next failure there alerts again.
 * Marked only once every attempt had failed, such a death left no mark and the repeats after the
 * restart were silent, the first alert never having reached a phone.
 *
 * An alert still under way in this process is not owed yet: a repeat meanwhile is a repeat.
 */
export class UntoldFailures {
	/** The run whose failure alert is under way, by job. */
	private readonly underWay = new Map<string, number>();

	constructor(private readonly store: Pick<NotificationStore, 'untoldFailure' | 'setUntoldFailure'>) {}

	/** The job's last failure alert reached no channel (here or under a scheduler before) and none is under way. */
	owed(jobId: string): boolean {
		return !this.underWay.has(jobId) && this.store.untoldFailure(jobId) !== undefined;
	}

	/** The job's mark goes: told since, or nothing to tell any more (it recovered). */
	forget(jobId: string): void {
		this.store.setUntoldFailure(jobId, undefined);
	}

	/** A failure alert of `runId` is queued: owed until a channel takes it. */
	queued(jobId: string, runId: number): void {
		this.underWay.set(jobId, runId);
		this.store.setUntoldFailure(jobId, {runId, at: Date.now()});
	}

	/** The deliveries of `runId`'s failure alert ended; `told`: a channel took it (or none was meant to). */
	ended(jobId: string, runId: number, told: boolean): void {
		if (this.underWay.get(jobId) === runId) {
			this.underWay.delete(jobId);
		}

		if (told && this.store.untoldFailure(jobId)?.runId === runId) {
			this.store.setUntoldFailure(jobId, undefined);
		}
	}
}
