import {ConfigError, formatProblem} from '../config/config-problem.js';
import {Notifier} from '../notify/notifier.js';
import {configuredChannels, loadNotifySettings, type NotifySettings} from '../notify/notify-settings.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {SqliteNotificationStore} from '../store/notification-store.js';
import type {AppPaths} from './paths.js';

/**
 * Notifications from config/notify_config.json and config/user_config.json. A broken notification
 * config never stops the scheduler: its problems go to the log and a notice, and runs go on.
 * Undefined when no channel is configured.
 */
export function openNotifier(paths: AppPaths, store: SqliteNotificationStore, logger: SchedulerLogger, setNotice: (key: string, text: string) => void): Notifier | undefined {
	let settings: NotifySettings;
	try {
		settings = loadNotifySettings(paths.notifyConfigFile, paths.userConfigFile);
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}

		for (const problem of error.problems) {
			logger.error({}, `notifications off: ${formatProblem(problem)}`);
		}

		setNotice('notify-config', `notifications off: ${formatProblem(error.problems[0]!)}${error.problems.length > 1 ? ` (+${error.problems.length - 1} more in the log)` : ''}`);
		return undefined;
	}

	for (const warning of settings.warnings) {
		logger.warn({}, warning);
		setNotice(`notify-permissions-${warning}`, warning);
	}

	return configuredChannels(settings).length > 0 ? new Notifier(settings, store, logger) : undefined;
}
