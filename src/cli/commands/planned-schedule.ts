import {existsSync} from 'node:fs';
import type {JobDefinition} from '../../core/job-definition.js';
import type {Schedule} from '../../core/triggers/base-schedule.js';
import {jobSchedule} from '../../core/triggers/job-schedule.js';
import type {TradingCalendar} from '../../market/trading-calendar.js';
import type {JobState} from '../../scheduler/ports.js';
import {HistoryStore} from '../../store/history-store.js';
import {openDatabaseForReading} from '../../store/read-only-database.js';

/** Pause state and interval anchors as the scheduler keeps them in the history database; none yet: empty. */
export function readJobStates(dbFile: string): Map<string, JobState> {
	if (!existsSync(dbFile)) {
		return new Map();
	}

	const db = openDatabaseForReading(dbFile);
	try {
		return new HistoryStore(db).jobStates();
	} finally {
		db.close();
	}
}

/**
 * A job's fire times as the scheduler fires them, for `list` and `plan`. An interval without
 * `start_date` counts from the anchor the scheduler recorded when it first loaded the job
 * (`intervalAnchor`), or from `now` for a job no scheduler has loaded yet (a scheduler started now
 * anchors it there), and first fires one interval after its anchor: the anchor itself is no fire.
 */
export function plannedSchedule(job: JobDefinition, calendar: TradingCalendar, state: JobState | undefined, now: number): Schedule {
	const anchor = state?.intervalAnchor ?? now;
	const schedule = jobSchedule(job, calendar, new Date(anchor));
	if (job.trigger.kind !== 'interval' || job.trigger.startDate) {
		return schedule;
	}

	return {next: after => schedule.next(new Date(Math.max(after.getTime(), anchor)))};
}
