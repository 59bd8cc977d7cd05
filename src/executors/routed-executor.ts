/**
 * The scheduler's one executor: runs of `run_on: workers` jobs go to the remote executor, every
 * other run to the local one. Which is which is read at each start, so a reload that moves a job
 * takes effect with its next run.
 */
import type {Executor, RunHandle, RunSink, RunSpec} from './executor.js';

export function createRoutedExecutor(local: Executor, remote: Executor, runsOnWorkers: (jobId: string) => boolean): Executor {
	return {
		start(spec: RunSpec, sink: RunSink): RunHandle {
			return runsOnWorkers(spec.jobId) ? remote.start(spec, sink) : local.start(spec, sink);
		},

		async close(): Promise<void> {
			await Promise.all([local.close(), remote.close()]);
		},
	};
}
