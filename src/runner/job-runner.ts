import type {Runner} from '../engine/ports.js';
import {startCommandRun} from './command-runner.js';
import {ModuleRunner} from './module-runner.js';
import {WarmWorkerPool} from './warm-worker-pool.js';

export type JobRunnerOptions = {
	/** Workers kept booted for module jobs. @default 1 */
	warmWorkers?: number;
	/** Time a cancelled job gets to stop by itself before it is killed. @default 2000 */
	cancelGraceMs?: number;
};

/** Module jobs in worker threads, command jobs as child processes. */
export function createJobRunner(options: JobRunnerOptions = {}): Runner {
	const pool = new WarmWorkerPool(options.warmWorkers ?? 1);
	const modules = new ModuleRunner(pool, {cancelGraceMs: options.cancelGraceMs});
	return {
		start(spec, sink) {
			return spec.target.kind === 'module'
				? modules.start(spec, sink)
				: startCommandRun(spec, sink, options.cancelGraceMs);
		},
		follow(after, spec, sink) {
			return spec.target.kind === 'module' ? modules.follow(after, spec, sink) : undefined;
		},
		async close() {
			await pool.close();
		},
	};
}
