import path from 'node:path';
import type {SchedulerConfig} from '../core/job-definition.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {Clock} from '../scheduler/clock.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {SupervisorDeps} from '../supervisor/supervisor.js';
import type {HistoryStore} from '../store/history-store.js';
import type {AppPaths} from './paths.js';
import {SupervisorPart} from './supervisor-part.js';

export type HostSupervisorDeps = {
	paths: AppPaths;
	config: SchedulerConfig;
	clock: Clock;
	calendar: TradingCalendar;
	store: HistoryStore;
	scheduler: Scheduler;
	/** Where a service's alert goes (the notifier, opened after the supervisor). */
	alert: SupervisorDeps['alert'];
};

/**
 * The services of jobs.yaml (src/supervisor), reporting through the scheduler: their runs are its
 * runs, their part of the snapshot is shown by it, and a config reload reaches them. The supervisor
 * itself is loaded only when there is a service to keep (supervisor-part.ts).
 */
export function superviseServices({paths, config, clock, calendar, store, scheduler, alert}: HostSupervisorDeps): SupervisorPart {
	const deps: Omit<SupervisorDeps, 'calendar'> = {
		clock,
		recorder: scheduler.serviceRecorder,
		history: store,
		logsDir: path.join(paths.logs, 'services'),
		timezone: () => scheduler.currentConfig.timezone,
		say: (level, msg, fields) => scheduler.say(level, msg, fields),
		changed: () => scheduler.servicesChanged(),
		runStarted: record => scheduler.serviceRunStarted(record),
		runEnded: record => scheduler.serviceRunEnded(record),
		alert,
		self: `scheduler pid ${process.pid}`,
		root: paths.root,
		database: paths.dbFile,
		writeNow: () => void scheduler.historyWritten(1000),
	};
	const supervisor = new SupervisorPart({
		async load(definitions, calendarNow) {
			const {Supervisor} = await import('../supervisor/supervisor.js');
			return new Supervisor({...deps, calendar: calendarNow}, definitions);
		},
		definitions: config.services ?? [],
		calendar,
		changed: () => scheduler.servicesChanged(),
		failed: error => scheduler.say('error', `the services' supervisor could not be loaded: ${error.message}`),
	});
	scheduler.showServices(() => supervisor.snapshot());
	scheduler.events.on('config-reloaded', () => supervisor.reload(scheduler.currentConfig.services ?? []));
	scheduler.events.on('calendar-changed', ({calendar}) => supervisor.useCalendar(calendar));
	return supervisor;
}
