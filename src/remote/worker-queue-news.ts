/**
 * A worker that took its queues from jobs.yaml at its start (no `--queues`) follows the file's queues
 * as it follows its jobs (worker-own-jobs.ts), so an operator who pulls the checkout need not restart
 * it. The file is looked at on a beat (a stat, as a run looks at it); a change that puts a run_on:
 * workers job on a queue it does not serve has it open that queue (its BullMQ worker, its heartbeat,
 * remote-worker.ts `serve`) and say so in its log, naming the queue and the job: the scheduler's
 * notice that runs wait there (unserved-queues.ts) goes with its next beat. A queue no job uses any
 * more is served on until the worker restarts (runs may still be queued there), which its log says
 * once. A queue whose connections Redis refused is said (a warning) and tried again at the next look.
 * A file that does not load changes nothing (its problems are said by worker-own-jobs.ts). A worker
 * given `--queues` serves what it was told and has none of this: another worker may serve the rest.
 */
import {workerQueueOf} from './remote-executor.js';
import type {WorkerLogger} from './worker-logger.js';
import type {WorkerOwnJobs} from './worker-own-jobs.js';

/** How often the file is looked at. */
const lookEveryMs = 2000;

/** The worker whose queues follow the file. */
export type QueueServer = {
	/** `host:pid` as its heartbeat names it. */
	readonly name: string;
	/** Takes runs from `queue` too: true once it does, false when it will not (stopping); throws when Redis refused it. */
	serve(queue: string): Promise<boolean>;
};

export class WorkerQueueNews {
	/** The queues it serves: those of its start, and those opened since. */
	private readonly served: Set<string>;
	/** Queues being opened (a look meanwhile does not open them twice). */
	private readonly opening = new Set<string>();
	/** Why each queue could not be opened, as last said (said again only when it changes). */
	private readonly refused = new Map<string, string>();
	/** The served queues no job uses, as last said (empty: every one is used). */
	private toldUnused = '';
	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly ownJobs: WorkerOwnJobs, queues: readonly string[], private readonly logger: WorkerLogger, private readonly worker: QueueServer) {
		this.served = new Set(queues);
	}

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

	/** Reads the file again when it changed (said in the log, worker-own-jobs.ts), opens a queue new to it and says one no job uses. */
	look(): void {
		try {
			this.ownJobs.current();
		} catch (error) {
			this.logger.error({file: this.ownJobs.file, err: error}, `${this.ownJobs.label} could not be read again: ${(error as Error).message}`);
			return;
		}

		const used = new Map<string, string[]>();
		for (const job of this.ownJobs.workerJobs) {
			const queue = workerQueueOf(job);
			used.set(queue, [...(used.get(queue) ?? []), job.id]);
		}

		for (const [queue, jobs] of used) {
			if (!this.served.has(queue) && !this.opening.has(queue)) {
				void this.open(queue, jobs);
			}
		}

		this.tellUnused(used);
	}

	/** Has the worker serve `queue`, used by `jobs`, and says so. */
	private async open(queue: string, jobs: string[]): Promise<void> {
		this.opening.add(queue);
		try {
			if (await this.worker.serve(queue)) {
				this.served.add(queue);
				this.refused.delete(queue);
				const named = `${jobs.length === 1 ? 'job' : 'jobs'} ${jobs.join(', ')}`;
				this.logger.info({worker: this.worker.name, queue, jobs, queues: [...this.served]}, `worker ${this.worker.name} now also takes runs from queue ${queue} (${named}), new in ${this.ownJobs.label}`);
			}
		} catch (error) {
			const reason = (error as Error).message;
			if (this.refused.get(queue) !== reason) {
				this.refused.set(queue, reason);
				this.logger.warn({worker: this.worker.name, queue, jobs, err: error}, `worker ${this.worker.name} could not open queue ${queue}, which ${this.ownJobs.label} now puts ${jobs.join(', ')} on: ${reason}; it tries again in ${lookEveryMs / 1000} s`);
			}
		} finally {
			this.opening.delete(queue);
		}
	}

	/** Says the served queues no job uses now (once per change): served on until a restart. */
	private tellUnused(used: ReadonlyMap<string, string[]>): void {
		const unused = [...this.served].filter(queue => !used.has(queue));
		const text = unused.join(', ');
		if (text === this.toldUnused) {
			return;
		}

		this.toldUnused = text;
		if (text !== '') {
			const one = unused.length === 1;
			this.logger.info({worker: this.worker.name, queues: unused}, `${this.ownJobs.label} no longer puts a run_on: workers job on queue${one ? '' : 's'} ${text}: worker ${this.worker.name} keeps serving ${one ? 'it' : 'them'} until it restarts (runs may still be queued there)`);
		}
	}
}
