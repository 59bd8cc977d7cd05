import type {JobDefinition} from '../core/job-definition.js';
import type {MapReader} from './map-reader.js';

/** Queue names become Redis key parts for runs on workers (BullMQ refuses `:`). */
const workerQueueName = /^[\w-]{1,64}$/;

/** `run_on: workers` (with `workers: QUEUE`): runs go to `sage-console worker` processes through Redis. */
export function readRunOn(job: MapReader, heartbeat: boolean): Pick<JobDefinition, 'runOn' | 'workerQueue'> {
	const runOn = job.oneOf('run_on', ['local', 'workers'] as const);
	if (runOn !== 'workers') {
		if (job.has('workers')) {
			job.reportKey('workers', 'workers names the worker queue of a job with run_on: workers');
		}

		return {};
	}

	if (heartbeat) {
		job.reportKey('run_on', 'a heartbeat job stands for an outside process: it runs nowhere');
		return {};
	}

	const workers = job.string('workers');
	const queue = workers ?? job.string('queue') ?? 'default';
	if (!workerQueueName.test(queue)) {
		job.report(workers === undefined ? (job.has('queue') ? 'queue' : 'run_on') : 'workers', `worker queue "${queue}" may use only letters, digits, _ and - (at most 64)`);
	}

	return {runOn: 'workers', ...(workers === undefined ? {} : {workerQueue: workers})};
}
