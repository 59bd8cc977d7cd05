/**
 * The fire timer's job slots, rebuilt from the config in use and what history keeps of each job: at
 * construction, after a config reload and after a calendar change. A new interval anchor and a job's
 * first sighting go back to history (catch-up owes a job its fires from then).
 */
import type {FireTimer} from './fire-timer.js';
import type {HistoryWrites} from './history-writes.js';
import type {SchedulerDeps} from './scheduler-deps.js';
import type {SchedulerState} from './scheduler-state.js';

export type SlotRebuildParts = {
	readonly deps: Pick<SchedulerDeps, 'history'>;
	readonly state: Pick<SchedulerState, 'config'>;
	readonly timer: FireTimer;
	readonly writes: HistoryWrites;
};

export function rebuildSlots(parts: SlotRebuildParts, now: number): void {
	const {history} = parts.deps;
	parts.timer.rebuild(parts.state.config.jobs, history.jobStates(), now, {
		anchor: (jobId, at) => parts.writes.write(`keep the interval anchor of ${jobId}`, () => history.setIntervalAnchor(jobId, at)),
		firstSeen: (jobId, at) => parts.writes.write(`remember when ${jobId} was first scheduled`, () => history.recordFire(jobId, at)),
	});
}
