/**
 * What a reload works out ahead, a few milliseconds at a time with the fires that come due let through
 * between: the new config's schedules, and the last runs of the jobs new to the scheduler (for the job
 * list). A jobs.yaml of thousands of new jobs then applies in one short step; so does a new calendar,
 * its jobs' fire times worked out ahead the same way.
 */
import type {RunRecord} from '../core/run-record.js';
import type {SchedulerConfig} from '../core/job-definition.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {FireTimer} from './fire-timer.js';
import {inSlices} from './in-slices.js';
import {prepareSchedules, type PreparedSchedules} from './prepared-schedules.js';
import type {SchedulerDeps} from './scheduler-deps.js';
import type {SchedulerState} from './scheduler-state.js';

/** Last runs read ahead: `runs` holds those of `jobIds` that have one. */
export type LastRunsAhead = {readonly jobIds: ReadonlySet<string>; readonly runs: ReadonlyMap<string, RunRecord>};

export type PreparedReload = {readonly schedules: PreparedSchedules; readonly lastRuns: LastRunsAhead};

export type PrepareParts = {
	readonly deps: Pick<SchedulerDeps, 'clock' | 'history'>;
	readonly state: Pick<SchedulerState, 'config' | 'calendar'>;
	readonly timer: Pick<FireTimer, 'get'>;
};

/** `jobs`' fire times under `calendar`, worked out ahead from where each job's schedule stands now. */
async function schedulesAhead(parts: PrepareParts, jobs: SchedulerConfig['jobs'], calendar: TradingCalendar): Promise<PreparedSchedules> {
	const {history, clock} = parts.deps;
	return prepareSchedules(jobs, calendar, history.jobStates(), jobId => parts.timer.get(jobId)?.lastFireAt, () => clock.now());
}

/** The jobs in use under a new calendar: their fire times worked out ahead of the change. */
export async function prepareCalendar(parts: PrepareParts, calendar: TradingCalendar): Promise<PreparedSchedules> {
	return schedulesAhead(parts, parts.state.config.jobs, calendar);
}

/** A new config's schedules under the calendar in use, and the last runs of the jobs it adds. */
export async function prepareReload(parts: PrepareParts, config: SchedulerConfig): Promise<PreparedReload> {
	const {history} = parts.deps;
	const schedules = await schedulesAhead(parts, config.jobs, parts.state.calendar);
	const known = new Set(parts.state.config.jobs.map(job => job.id));
	const jobIds = new Set(config.jobs.map(job => job.id).filter(jobId => !known.has(jobId)));
	const runs = new Map<string, RunRecord>();
	await inSlices(jobIds, jobId => {
		for (const [id, run] of history.lastRunsByJob([jobId])) {
			runs.set(id, run);
		}
	});
	return {schedules, lastRuns: {jobIds, runs}};
}
