/**
 * Recent successes read back from history at the start: the last ten days' for `after:` chains whose
 * parents succeeded before a restart, the last two days' for the deadline watch.
 */
import type {RunRecord} from '../core/run-record.js';
import {addDays, zonedDate} from '../time/zoned-time.js';
import type {RunSequels} from './run-sequels.js';
import type {SchedulerDeps} from './scheduler-deps.js';
import type {SchedulerState} from './scheduler-state.js';

export type RecentSuccessParts = {
	readonly deps: Pick<SchedulerDeps, 'history' | 'chains'>;
	readonly state: Pick<SchedulerState, 'config'>;
	readonly sequels: RunSequels;
	say(level: 'error', msg: string): void;
};

export function loadChainSuccesses(parts: RecentSuccessParts, now: number): void {
	if (parts.deps.chains === false) {
		return;
	}

	try {
		parts.sequels.loadSuccesses(parts.deps.history.successesSince(addDays(zonedDate(now, parts.state.config.timezone), -10)));
	} catch (error) {
		parts.say('error', `could not read recent successes for after: chains: ${(error as Error).message}`);
	}
}

/** Successes of the last two days, for the deadline watch after a restart (read only when a job has a deadline: ~0.2 s at a million runs). */
export function deadlineSuccesses(parts: RecentSuccessParts, now: number): Array<{jobId: string; tradeDate: string}> {
	const {config} = parts.state;
	if (!config.jobs.some(job => job.deadlineMinute !== undefined)) {
		return [];
	}

	try {
		return parts.deps.history.successesSince(addDays(zonedDate(now, config.timezone), -2));
	} catch {
		return [];
	}
}

/** Each deadline job's last ended run, for the deadline watch after a restart (why a deadline was missed, and whether it still is). */
export function deadlineLastEnds(parts: RecentSuccessParts): Map<string, RunRecord> {
	const ids = parts.state.config.jobs.filter(job => job.deadlineMinute !== undefined).map(job => job.id);
	try {
		return ids.length === 0 ? new Map() : parts.deps.history.lastRunsByJob(ids);
	} catch {
		return new Map();
	}
}
