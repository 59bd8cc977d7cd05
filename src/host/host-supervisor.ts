import path from 'node:path';
import type {SchedulerConfig} from '../core/job-definition.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {Clock} from '../scheduler/clock.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import {Supervisor, type SupervisorDeps} from '../supervisor/supervisor.js';
import type {HistoryStore} from '../store/history-store.js';
import type {AppPaths} from './paths.js';

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
 * runs, their part of the snapshot is shown by it, and a config reload reaches them.
 */
export function superviseServices({paths, config, clock, calendar, store, scheduler, alert}: HostSupervisorDeps): Supervisor {
	const supervisor = new Supervisor({
		clock,
		calendar,
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
	}, config.services ?? []);
	scheduler.showServices(() => supervisor.snapshot());
	scheduler.events.on('config-reloaded', () => supervisor.reload(scheduler.currentConfig.services ?? []));
	scheduler.events.on('calendar-changed', ({calendar}) => supervisor.useCalendar(calendar));
	return supervisor;
}
