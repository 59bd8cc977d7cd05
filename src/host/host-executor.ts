import type {SchedulerConfig} from '../core/job-definition.js';
import type {Executor} from '../executors/executor.js';
import {createLocalExecutor} from '../executors/local-executor.js';
import {createRoutedExecutor} from '../executors/routed-executor.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import {codeVersion} from './code-version.js';
import type {AppPaths} from './paths.js';
import {RemotePart} from './remote-part.js';

export type HostExecutors = {
	/** Where every run goes: `run_on: workers` jobs to `remote`, the others to this machine. */
	executor: Executor;
	/** Runs of `run_on: workers` jobs (src/remote, loaded once jobs.yaml has `redis:`); Redis is reached only when needed. */
	remote: RemotePart;
};

/**
 * A host's executors. `scheduler` is read only when a run starts (the scheduler is made after its
 * executor); `local` replaces the worker pool (tests). Spare workers are kept warm only while scheduling.
 */
export function createHostExecutors(paths: AppPaths, config: SchedulerConfig, schedules: boolean, scheduler: () => Scheduler, local?: Executor): HostExecutors {
	const remote = new RemotePart(async () => {
		const {remoteExecutorFor} = await import('../remote/scheduler-remote.js');
		return remoteExecutorFor(scheduler, paths, schedules, codeVersion());
	}, schedules);
	remote.need(config);
	const executor = createRoutedExecutor(
		local ?? createLocalExecutor({root: paths.root, spareWorkers: schedules ? config.warmWorkers : 0, maxIdleWorkers: config.idleWorkers}),
		remote,
		jobId => scheduler().job(jobId)?.runOn === 'workers',
	);
	return {executor, remote};
}
