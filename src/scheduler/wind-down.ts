/**
 * The live runs at a scheduler's stop: runs on workers go on there (the next start re-attaches to
 * them); the others are waited for up to the grace and then cancelled (`wait`), or cancelled at once.
 * Settles when every one has ended and is recorded.
 */
import type {RunRecord} from '../core/run-record.js';
import type {Clock} from './clock.js';
import type {LiveRuns} from './live-runs.js';

export type WindDownDeps = {
	live: LiveRuns;
	clock: Clock;
	whenFinished(runId: number): Promise<RunRecord | undefined>;
	say(msg: string, fields: {jobId: string; runId: number}): void;
};

export async function windDownRuns(deps: WindDownDeps, mode: 'wait' | 'cancel', graceMs: number): Promise<void> {
	for (const live of deps.live.detachAll()) {
		deps.say(`${live.record.jobId}: run ${live.record.id} goes on${live.worker ? ` on worker ${live.worker}` : ' on the workers'}; the next start re-attaches to it`, {jobId: live.record.jobId, runId: live.record.id});
	}

	const ends = deps.live.all().map(async live => deps.whenFinished(live.record.id));
	if (mode === 'cancel') {
		deps.live.cancelAll('shutdown');
	} else if (ends.length > 0) {
		const deadline = deps.clock.setTimeout(() => deps.live.cancelAll('shutdown'), graceMs);
		await Promise.all(ends);
		deps.clock.clearTimeout(deadline);
	}

	await Promise.all(ends);
}
