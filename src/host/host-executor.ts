import type {SchedulerConfig} from '../core/job-definition.js';
import type {Executor} from '../executors/executor.js';
import {createLocalExecutor} from '../executors/local-executor.js';
import type {RemoteExecutor} from '../remote/remote-executor.js';
import {createRoutedExecutor} from '../remote/routed-executor.js';
import {remoteExecutorFor} from '../remote/scheduler-remote.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import {packageVersion} from './package-version.js';
import type {AppPaths} from './paths.js';

export type HostExecutors = {
	/** Where every run goes: `run_on: workers` jobs to `remote`, the others to this machine. */
	executor: Executor;
	/** Runs of `run_on: workers` jobs (src/remote); Redis is reached only when needed. */
	remote: RemoteExecutor;
};

/**
 * A host's executors. `scheduler` is read only when a run starts (the scheduler is made after its
 * executor); `local` replaces the worker pool (tests). Spare workers are kept warm only while scheduling.
 */
export function createHostExecutors(paths: AppPaths, config: SchedulerConfig, schedules: boolean, scheduler: () => Scheduler, local?: Executor): HostExecutors {
	const remote = remoteExecutorFor(scheduler, paths, schedules, packageVersion());
	const executor = createRoutedExecutor(
		local ?? createLocalExecutor({root: paths.root, spareWorkers: schedules ? config.warmWorkers : 0, maxIdleWorkers: config.idleWorkers}),
		remote,
		jobId => scheduler().job(jobId)?.runOn === 'workers',
	);
	return {executor, remote};
}
