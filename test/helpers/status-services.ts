import {runCli} from './run-cli.js';

/** A service as `status --json` lists it: its id and state, and whatever else the caller reads. */
export type StatusService = {id: string; state: string};

/**
 * The services `sage-console status --json` lists for `root`, in its order; none while no scheduler
 * answers (status fails). `T` names the fields the caller reads.
 */
export function statusServices<T extends StatusService = StatusService>(root: string): T[] {
	const result = runCli(['status', '--json', '--root', root]);
	return result.code === 0 ? (JSON.parse(result.stdout) as {services?: T[]}).services ?? [] : [];
}
