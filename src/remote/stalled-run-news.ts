import type {Job} from 'bullmq';
import type {Redis} from 'ioredis';
import type {RemoteJobData} from './remote-job-data.js';
import {runKeys, runNewsKey, runNewsMaxLength} from './remote-keys.js';
import {encodeEvent} from './run-events.js';
import type {WorkerLogger} from './worker-logger.js';

/**
 * BullMQ found a run stalled (its worker stopped renewing the lock; any worker may find it): logged,
 * and written on the run's stream, with its news, so the scheduler following the run hears it.
 */
export async function tellStalled(client: Redis, job: Job<RemoteJobData>, by: string, reason: string, logger: WorkerLogger): Promise<void> {
	logger.warn({jobId: job.data.jobId, runId: job.data.runId, queueJob: job.id}, `run ${job.data.runId} of ${job.data.jobId} stalled on its worker: ${reason}`);
	const {events} = runKeys(job.id!);
	await client.pipeline().xadd(events, '*', 'e', encodeEvent({t: 'stalled', by, reason}))
		.xadd(runNewsKey, 'MAXLEN', '~', runNewsMaxLength, '*', 'r', events).exec().catch(() => undefined);
}
