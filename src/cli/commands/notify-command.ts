import type {AppPaths} from '../../host/paths.js';
import {Notifier} from '../../notify/notifier.js';
import {channelNames, type ChannelName} from '../../notify/notification-types.js';
import {configuredChannels, loadNotifySettings} from '../../notify/notify-settings.js';
import {openDatabase} from '../../store/open-database.js';
import {SqliteNotificationStore} from '../../store/notification-store.js';
import {configuredTimeZone} from './configured-time-zone.js';
import {UsageError} from './usage-error.js';

const quietLogger = {info() {}, warn() {}, error() {}};

/** `sage-console notify test [--channel C]`: a test message through each configured channel, each real outcome reported. */
export async function notifyCommand(paths: AppPaths, action: string | undefined, flags: {channel?: string}): Promise<number> {
	if (action !== 'test') {
		throw new UsageError(`usage: sage-console notify test [--channel ${channelNames.join('|')}]`);
	}

	if (flags.channel !== undefined && !channelNames.includes(flags.channel as ChannelName)) {
		throw new UsageError(`--channel must be one of ${channelNames.join(', ')}`);
	}

	const settings = loadNotifySettings(paths.notifyConfigFile, paths.userConfigFile);
	for (const warning of settings.warnings) {
		process.stderr.write(`warning: ${warning}\n`);
	}

	const configured = configuredChannels(settings);
	if (configured.length === 0 || (flags.channel && !configured.includes(flags.channel as ChannelName))) {
		process.stderr.write(`no ${flags.channel ?? 'notification'} channel configured: see "channels" in config/notify_config.json and users in config/user_config.json\n`);
		return 1;
	}

	const db = openDatabase(paths.dbFile);
	try {
		const notifier = new Notifier(settings, new SqliteNotificationStore(db), quietLogger);
		notifier.useTimeZone(configuredTimeZone(paths));
		const results = await notifier.sendTest(flags.channel as ChannelName | undefined);
		for (const result of results) {
			const attempts = `${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
			process.stdout.write(`${result.channel.padEnd(9)} ${result.recipient.padEnd(16)} ${result.status === 'sent' ? 'sent' : 'FAILED'} (${attempts})${result.error ? `: ${result.error}` : ''}\n`);
		}

		return results.every(result => result.status === 'sent') ? 0 : 1;
	} finally {
		db.close();
	}
}
