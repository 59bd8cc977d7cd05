/**
 * Runs a previous scheduler left `running` on the workers, taken over at start: their parameters read
 * back from their queue jobs before the scheduler starts (for their retries), and the spec each is
 * followed again with.
 */
import type {JobDefinition} from '../core/job-definition.js';
import type {RunPaths, RunSpec} from '../executors/executor.js';
import type {AbandonedRun} from '../scheduler/ports.js';
import type {RedisLink} from './redis-link.js';
import {queueJobId} from './remote-keys.js';

export type RemoteAdoptionOptions = {
	paths: RunPaths;
	/** The job's definition now. */
	job(jobId: string): JobDefinition | undefined;
	/** The worker queue a job's runs go to. */
	queueOf(job: JobDefinition): string;
	/** The link to Redis, made on first use; undefined when there can be none. */
	link(): RedisLink | undefined;
};

export class RemoteAdoption {
	private readonly params = new Map<number, Record<string, unknown>>();

	constructor(private readonly options: RemoteAdoptionOptions) {}

	/** Reads the parameters of the runs left on the workers, waiting at most `timeoutMs` for Redis. */
	async prepare(runs: readonly AbandonedRun[], timeoutMs: number): Promise<void> {
		const candidates = runs.flatMap(run => {
			const job = this.options.job(run.jobId);
			return (run.status === 'running' || run.status === 'queued') && run.logPath !== undefined && job?.runOn === 'workers' ? [{run, queue: this.options.queueOf(job)}] : [];
		});
		const link = candidates.length > 0 ? this.options.link() : undefined;
		if (!link) {
			return;
		}

		const read = Promise.all(candidates.map(async ({run, queue}) => {
			const found = await link.queue(queue).getJob(queueJobId({...run, runId: run.id}));
			const params = (found?.data as {params?: Record<string, unknown>} | undefined)?.params;
			if (params) {
				this.params.set(run.id, params);
			}
		}));
		await Promise.race([read.catch(() => undefined), new Promise(resolve => {
			setTimeout(resolve, timeoutMs).unref();
		})]);
	}

	/** The spec a run left on the workers is followed again with (its parameters as read back, else the job's); undefined for any other run. */
	specOf(run: AbandonedRun, job: JobDefinition): RunSpec | undefined {
		if (job.runOn !== 'workers' || job.target.kind === 'group' || run.logPath === undefined) {
			return undefined;
		}

		return {
			runId: run.id, jobId: run.jobId, target: job.target, params: this.params.get(run.id) ?? job.params, scheduledAt: run.scheduledAt, attempt: run.attempt, trigger: run.trigger, tradeDate: run.tradeDate,
			timeZone: job.timezone, logPath: run.logPath, paths: this.options.paths, timeoutMs: job.timeoutMs, maxMemoryMb: job.maxMemoryMb,
		};
	}
}
