/**
 * Every Redis name runs on workers use. BullMQ's queues live under `sage:queue:<name>:…`; a run's own
 * keys under `sage:run:<queue job id>:…`; workers under `sage:worker…`. One console per Redis database:
 * a second trading box uses another database number (`/1`).
 */

/** BullMQ's prefix (its keys: `sage:queue:<queue>:wait`, `…:<id>`, `…:<id>:lock`). */
export const queuePrefix = 'sage:queue';

/** Triggers whose runs are a fire time of the job's schedule: one run per (job, time, attempt). */
const fireTriggers: ReadonlySet<string> = new Set(['schedule', 'catch-up']);

/**
 * The BullMQ job id of a run. For a fire of its schedule: its job, scheduled time and attempt —
 * deterministic, so a double fire, or a restarted scheduler catching up a time already enqueued, finds
 * the same queue job instead of enqueueing a second. Any other run (manual, backfill, chain, retry,
 * group) is a request of its own, however many arrive in one millisecond: its run id is added. Dots
 * separate the parts: job ids are `[a-z0-9_-]`, so the id reads back unambiguously (BullMQ refuses `:`).
 */
export function queueJobId(run: {jobId: string; scheduledAt: number; attempt: number; trigger?: string; runId: number}): string {
	const fire = `${run.jobId}.${run.scheduledAt}.${run.attempt}`;
	return isScheduleFire(run.trigger) ? fire : `${fire}.r${run.runId}`;
}

/** Whether a run's queue job id is shared by every request for the same fire (see queueJobId): only those can be duplicates. */
export function isScheduleFire(trigger: string | undefined): boolean {
	return trigger !== undefined && fireTriggers.has(trigger);
}

/** A run's keys. */
export function runKeys(queueJobId: string) {
	const base = `sage:run:${queueJobId}`;
	return {
		/** What the worker tells (a stream): taken, started, progress, lines, log bytes, notify, end. */
		events: `${base}:events`,
		/** The scheduler's run id that enqueued it: a second run asking for the same id is a duplicate. */
		owner: `${base}:owner`,
		/** Set when the run is to stop (`cancel`, `timeout`, `shutdown`): read by the worker at its start and while it runs. */
		cancel: `${base}:cancel`,
		/** The worker that took it: no second worker runs it, whatever BullMQ hands out. */
		claim: `${base}:claim`,
	};
}

/**
 * One stream every worker appends `r <run's events key>` to after writing on a run's stream: the
 * console blocks on it alone and then reads only the runs with news (RunEventReader), instead of
 * naming every followed run's stream in each read. Capped (`MAXLEN ~`): the console also sweeps every
 * followed run now and then, so news trimmed away while it was gone is not lost.
 */
export const runNewsKey = 'sage:runs:news';

/** Entries the news stream keeps at least (trimmed lazily, `MAXLEN ~`). */
export const runNewsMaxLength = 10_000;

/** Hash of worker name → its last heartbeat (JSON). */
export const workersKey = 'sage:workers';

/** Present while the worker's heartbeat is current (expires a few beats after the last). */
export function workerAliveKey(worker: string): string {
	return `sage:worker:${worker}:alive`;
}

/** Pub/sub channel of cancels (`<queue job id> <reason>`): reaches a run's worker at once; the cancel key is what counts. */
export const cancelChannel = 'sage:cancel';

/** How long a run's keys outlive its end: a late double fire still finds it (BullMQ keeps the job as long). */
export const finishedRunTtlSeconds = 86_400;
