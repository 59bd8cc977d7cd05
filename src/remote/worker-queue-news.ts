/**
 * A worker that took its queues from jobs.yaml at its start (no `--queues`) serves those until it
 * restarts: its jobs are read again when the file changes, its queues are not (its BullMQ workers, its
 * heartbeat and its log files are made for them once). A change that puts a run_on: workers job on a
 * queue it does not serve is said in its log when the file changes (the file is looked at on a beat,
 * a stat, as a run looks at it), naming the job, the queue and that a restart serves it: the
 * scheduler's notice (unserved-queues.ts) says runs wait there, this says why this worker leaves them.
 * A worker given `--queues` serves what it was told: another worker may serve the rest.
 */
import {workerQueueOf} from './remote-executor.js';
import type {WorkerLogger} from './worker-logger.js';
import type {WorkerOwnJobs} from './worker-own-jobs.js';

/** How often the file is looked at. */
const lookEveryMs = 2000;

export class WorkerQueueNews {
	/** What was last said (empty: every queue of its jobs served). */
	private told = '';
	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly ownJobs: WorkerOwnJobs, private readonly queues: readonly string[], private readonly logger: WorkerLogger, private readonly worker: () => string) {}

	/** Looks on a beat until `stop`. */
	start(): void {
		this.timer = setInterval(() => {
			this.look();
		}, lookEveryMs);
		this.timer.unref();
	}

	stop(): void {
		clearInterval(this.timer);
	}

	/** Reads the file again when it changed (said in the log, worker-own-jobs.ts) and says a queue none serves here. */
	look(): void {
		try {
			this.ownJobs.current();
		} catch (error) {
			this.logger.error({file: this.ownJobs.file, err: error}, `${this.ownJobs.label} could not be read again: ${(error as Error).message}`);
			return;
		}

		const served = new Set(this.queues);
		const unserved = new Map<string, string[]>();
		for (const job of this.ownJobs.workerJobs) {
			const queue = workerQueueOf(job);
			if (!served.has(queue)) {
				unserved.set(queue, [...(unserved.get(queue) ?? []), job.id]);
			}
		}

		const text = [...unserved].map(([queue, jobs]) => `${jobs.join(', ')} on queue ${queue}`).join('; ');
		if (text === this.told) {
			return;
		}

		this.told = text;
		if (text !== '') {
			const queues = [...unserved.keys()].join(', ');
			this.logger.warn({worker: this.worker(), queues: [...unserved.keys()], served: this.queues}, `${this.ownJobs.label} now puts ${text}, which worker ${this.worker()} does not serve: it took its queues (${this.queues.join(', ')}) from jobs.yaml at its start and reads them only then; restart it to take runs from ${queues} (or give --queues)`);
		}
	}
}
