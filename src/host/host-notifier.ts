import {Notifier} from '../notify/notifier.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {SqliteNotificationStore} from '../store/notification-store.js';
import type {NotifyFiles} from './open-notifier.js';

export type HostNotifier = {
	/** Sends nothing while no channel is configured; the notify files read again give it new settings. */
	notifier: Notifier;
	/** Stops listening to the scheduler's events. */
	detach(): void;
};

/**
 * Opens the notifier and has it listen to the scheduler. Without a channel, a job's `notify` is said
 * where the operator looks instead of dropped in silence.
 */
export function attachNotifier(files: NotifyFiles, store: SqliteNotificationStore, logger: SchedulerLogger, scheduler: Scheduler): HostNotifier {
	const notifier = new Notifier(files.open(), store, logger);
	// In the snapshot: the API's metrics show the delivery counters of these channels only.
	scheduler.setAlertChannels(notifier.channels);
	const offNotifier = notifier.attach(scheduler);
	const offUnsent = scheduler.events.on('job-notify', ({jobId, runId, title}) => {
		if (notifier.channels.length === 0) {
			scheduler.say('warn', `${jobId} asked to notify "${title}", but no notification channel is configured (config/notify_config.json): not sent`, {jobId, runId});
		}
	});
	return {
		notifier,
		detach() {
			offNotifier();
			offUnsent();
		},
	};
}
