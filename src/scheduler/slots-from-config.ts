/**
 * The fire timer's job slots, rebuilt from the config in use and what history keeps of each job: at
 * construction, after a config reload and after a calendar change. A new interval anchor and a job's
 * first sighting go back to history (catch-up owes a job its fires from then), except from a one-off `run`.
 */
import type {FireTimer} from './fire-timer.js';
import type {HistoryWrites} from './history-writes.js';
import type {PreparedSchedules} from './prepared-schedules.js';
import type {SchedulerDeps} from './scheduler-deps.js';
import type {SchedulerState} from './scheduler-state.js';

export type SlotRebuildParts = {
	readonly deps: Pick<SchedulerDeps, 'history' | 'remembersJobs'>;
	readonly state: Pick<SchedulerState, 'config'>;
	readonly timer: FireTimer;
	readonly writes: HistoryWrites;
};

/** `prepared`: the config's schedules worked out ahead (a reload's), taken where they still hold. */
export function rebuildSlots(parts: SlotRebuildParts, now: number, prepared?: PreparedSchedules): void {
	const {history} = parts.deps;
	// A one-off `run` schedules nothing: what it would keep would make the next start owe fires from it.
	const remember = parts.deps.remembersJobs === false ? {anchor() {}, firstSeen() {}} : {
		anchor: (jobId: string, at: number) => parts.writes.write(`keep the interval anchor of ${jobId}`, () => history.setIntervalAnchor(jobId, at)),
		firstSeen: (jobId: string, at: number) => parts.writes.write(`remember when ${jobId} was first scheduled`, () => history.recordFire(jobId, at)),
	};
	parts.timer.rebuild(parts.state.config.jobs, history.jobStates(), now, remember, prepared);
}
