import type {Runner} from '../engine/ports.js';
import {startCommandRun} from './command-runner.js';
import {startModuleRun} from './module-runner.js';
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
	return {
		start(spec, sink) {
			return spec.target.kind === 'module'
				? startModuleRun(pool, spec, sink, {cancelGraceMs: options.cancelGraceMs})
				: startCommandRun(spec, sink, options.cancelGraceMs);
		},
		async close() {
			await pool.close();
		},
	};
}
