import type {JobDefinition} from '../core/job-definition.js';

/**
 * APScheduler 3's `jitter` (BaseTrigger._apply_jitter): a fire starts a random 0..jitter after its fire
 * time (uniformly), and never after the trigger's `end_date` (CronTrigger's `min(next, end_date)`).
 * The fire time itself stays the schedule's: it is the run's `scheduledAt`, the next fire the console,
 * `list` and `plan` show; only the start moves, and the run's `startedAt` shows by how much.
 * One delay is drawn per fire time and kept until that time has fired (a config reload keeps it).
 */
export class FireJitter {
	private readonly drawn = new Map<string, {fireAt: number; delayMs: number}>();

	constructor(private readonly random: () => number = Math.random) {}

	/** When the job's fire at `fireAt` is due to start. */
	dueAt(job: JobDefinition, fireAt: number): number {
		const trigger = job.trigger;
		if ((trigger.kind !== 'cron' && trigger.kind !== 'interval') || !trigger.jitterMs) {
			return fireAt;
		}

		const kept = this.drawn.get(job.id);
		if (kept?.fireAt === fireAt) {
			return fireAt + kept.delayMs;
		}

		const room = trigger.endDate ? Math.max(trigger.endDate.getTime() - fireAt, 0) : Number.POSITIVE_INFINITY;
		const delayMs = Math.min(Math.round(this.random() * trigger.jitterMs), room);
		this.drawn.set(job.id, {fireAt, delayMs});
		return fireAt + delayMs;
	}

	/** Drops the delays of jobs no longer scheduled. */
	keepOnly(jobIds: ReadonlySet<string>): void {
		for (const id of this.drawn.keys()) {
			if (!jobIds.has(id)) {
				this.drawn.delete(id);
			}
		}
	}
}
