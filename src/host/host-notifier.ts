import type {Notifier} from '../notify/notifier.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {SqliteNotificationStore} from '../store/notification-store.js';
import {openNotifier} from './open-notifier.js';
import type {AppPaths} from './paths.js';

export type HostNotifier = {
	/** Undefined when no channel is configured. */
	notifier: Notifier | undefined;
	/** Stops listening to the scheduler's events. */
	detach(): void;
};

/**
 * Opens the notifier and has it listen to the scheduler. Without one, a job's `notify` is said where
 * the operator looks instead of dropped in silence.
 */
export function attachNotifier(paths: AppPaths, store: SqliteNotificationStore, logger: SchedulerLogger, scheduler: Scheduler): HostNotifier {
	const notifier = openNotifier(paths, store, logger, (key, notice) => scheduler.setNotice(key, notice));
	const detach = notifier?.attach(scheduler) ?? scheduler.events.on('job-notify', ({jobId, runId, title}) => {
		scheduler.say('warn', `${jobId} asked to notify "${title}", but no notification channel is configured (config/notify_config.json): not sent`, {jobId, runId});
	});
	return {notifier, detach};
}
