import {ConfigError} from '../config/config-problem.js';
import {MapReader} from '../config/map-reader.js';
import {defaultPushplusUrl, readChannels, type ChannelsConfig} from './channels-config.js';
import type {ChannelName} from './notification-types.js';
import {notifySecrets} from './notify-secrets.js';
import {readSwitches} from './notify-switches.js';
import {readUsers, type NotifyUser} from './notify-users.js';
import {permissionWarning, readSettingsFile} from './notify-config-files.js';

export type NotifySettings = {
	/** The `notify_*` switches of notify_config.json (Sage format). */
	switches: Record<string, boolean>;
	channels: ChannelsConfig;
	users: NotifyUser[];
	delivery: {attempts: number; backoffMs: number; timeoutMs: number};
	/** Every secret in the files, to scrub from logs, errors and the screen. */
	secrets: string[];
	/** Files others can read, and similar things the operator should fix. */
	warnings: string[];
};

/** No channels, no users: what a root without notification files has. */
export function noNotifySettings(): NotifySettings {
	return {switches: {}, channels: {}, users: [], delivery: {attempts: 3, backoffMs: 5000, timeoutMs: 10_000}, secrets: [], warnings: []};
}

/**
 * Reads `config/notify_config.json` and `config/user_config.json` in the Sage format, plus the
 * `channels` and `delivery` extensions; every problem with FILE:LINE:COL, all at once.
 */
export function loadNotifySettings(notifyFile: string, userFile: string): NotifySettings {
	const notifySource = readSettingsFile(notifyFile);
	const userSource = readSettingsFile(userFile);
	const settings = noNotifySettings();
	if (notifySource && notifySource.problems.length === 0) {
		const reader = MapReader.of(notifySource, notifySource.root, 'notify_config.json');
		if (reader) {
			settings.switches = readSwitches(reader);
			settings.channels = readChannels(notifySource, reader.node('channels'));
			const delivery = reader.node('delivery');
			const deliveryReader = delivery === undefined ? undefined : MapReader.of(notifySource, delivery, 'delivery');
			if (deliveryReader) {
				deliveryReader.rejectUnknownKeys(['attempts', 'backoff_ms', 'timeout_ms']);
				settings.delivery = {
					attempts: deliveryReader.integer('attempts', 1, 10) ?? 3,
					backoffMs: deliveryReader.integer('backoff_ms', 0) ?? 5000,
					timeoutMs: deliveryReader.integer('timeout_ms', 100) ?? 10_000,
				};
			}
		}
	}

	if (userSource && userSource.problems.length === 0) {
		settings.users = readUsers(userSource);
	}

	const problems = [...(notifySource?.problems ?? []), ...(userSource?.problems ?? [])];
	if (problems.length > 0) {
		throw new ConfigError(problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col));
	}

	if (!settings.channels.pushplus && settings.users.some(user => user.pushplusToken)) {
		settings.channels.pushplus = {url: defaultPushplusUrl};
	}

	settings.secrets = notifySecrets(settings.channels, settings.users);
	settings.warnings = [notifyFile, userFile].flatMap(file => {
		const warning = permissionWarning(file);
		return warning ? [warning] : [];
	});
	return settings;
}

export function configuredChannels(settings: NotifySettings): ChannelName[] {
	const {pushplus, dingtalk, wecom, email, webhook} = settings.channels;
	return [
		...(webhook ? ['webhook' as const] : []),
		...(pushplus && settings.users.some(user => user.pushplusToken) ? ['pushplus' as const] : []),
		...(dingtalk ? ['dingtalk' as const] : []),
		...(wecom ? ['wecom' as const] : []),
		...(email ? ['email' as const] : []),
	];
}
