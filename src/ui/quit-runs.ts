/**
 * The runs the quit question is about: those running here, which quitting waits for or cancels. A run
 * on a worker is neither: at the stop it goes on there, and the next start re-attaches to it
 * (docs/workers.md), so it asks nothing and is only named.
 */
import type {LiveRunView} from '../protocol/snapshot.js';

export type QuitRuns = {
	/** Running on this machine: waited for or cancelled at the quit. */
	here: number;
	/** Running on workers: they go on there. */
	onWorkers: number;
};

export function quitRuns(live: readonly LiveRunView[]): QuitRuns {
	const running = live.filter(run => run.status === 'running');
	const onWorkers = running.filter(run => run.worker !== undefined).length;
	return {here: running.length - onWorkers, onWorkers};
}
