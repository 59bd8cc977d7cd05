import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {isSeq, type Node} from 'yaml';
import {ConfigError} from '../config/config-problem.js';
import {MapReader, YamlSource} from '../config/yaml-source.js';
import type {ChannelName} from './notification-types.js';

export type ChannelsConfig = {
	/** @default {url: 'https://www.pushplus.plus/send'} when any user has a pushplus_token */
	pushplus?: {url: string};
	dingtalk?: {webhook: string; secret?: string};
	wecom?: {webhook: string};
	email?: {host: string; port: number; secure: boolean; user?: string; pass?: string; from: string; to: string[]};
	/** A signed JSON webhook (src/notify/channels/webhook.ts). */
	webhook?: {url: string; secret?: string};
};

export type NotifyUser = {name: string; pushplusToken?: string; switches: Record<string, boolean>; watchedStocks: string[]};

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

export const defaultPushplusUrl = 'https://www.pushplus.plus/send';

function readJson(file: string): YamlSource | undefined {
	if (!existsSync(file)) {
		return undefined;
	}

	const relative = path.relative(process.cwd(), file);
	return new YamlSource(relative.startsWith('..') ? file : relative, readFileSync(file, 'utf8'));
}

function permissionWarning(file: string): string | undefined {
	try {
		const mode = statSync(file).mode & 0o777;
		if (mode & 0o044) {
			return `${path.basename(file)} holds tokens and is readable by other users (mode ${mode.toString(8)}): chmod 600 ${file}`;
		}
	} catch {
		// No file, no warning.
	}

	return undefined;
}

function readSwitches(reader: MapReader): Record<string, boolean> {
	const switches: Record<string, boolean> = {};
	for (const key of reader.keys().filter(name => name.startsWith('notify_'))) {
		const value = reader.boolean(key);
		if (value !== undefined) {
			switches[key] = value;
		}
	}

	return switches;
}

function isUrl(text: string | undefined): text is string {
	return text !== undefined && /^https?:\/\/\S+$/.test(text);
}

function readChannels(source: YamlSource, node: Node | undefined): ChannelsConfig {
	const channels: ChannelsConfig = {};
	if (node === undefined) {
		return channels;
	}

	const reader = MapReader.of(source, node, 'channels');
	if (!reader) {
		return channels;
	}

	reader.rejectUnknownKeys(['pushplus', 'dingtalk', 'wecom', 'email', 'webhook']);
	const sub = (key: string, known: string[]) => {
		const child = reader.node(key);
		const childReader = child === undefined ? undefined : MapReader.of(source, child, `channels.${key}`);
		childReader?.rejectUnknownKeys(known);
		return childReader;
	};

	const url = (channel: MapReader, key: string, required: boolean) => {
		const value = channel.string(key);
		if (value === undefined ? required : !isUrl(value)) {
			if (value === undefined) {
				channel.source.report(channel.map, `${key} is required`);
			} else {
				channel.report(key, `${key} must be an http(s) URL`);
			}

			return undefined;
		}

		return value;
	};

	const pushplus = sub('pushplus', ['url']);
	if (pushplus) {
		channels.pushplus = {url: url(pushplus, 'url', false) ?? defaultPushplusUrl};
	}

	const dingtalk = sub('dingtalk', ['webhook', 'secret']);
	const dingtalkWebhook = dingtalk && url(dingtalk, 'webhook', true);
	if (dingtalk && dingtalkWebhook) {
		channels.dingtalk = {webhook: dingtalkWebhook, secret: dingtalk.string('secret')};
	}

	const wecom = sub('wecom', ['webhook']);
	const wecomWebhook = wecom && url(wecom, 'webhook', true);
	if (wecomWebhook) {
		channels.wecom = {webhook: wecomWebhook};
	}

	const webhook = sub('webhook', ['url', 'secret']);
	const webhookUrl = webhook && url(webhook, 'url', true);
	if (webhook && webhookUrl) {
		channels.webhook = {url: webhookUrl, secret: webhook.string('secret')};
	}

	const email = sub('email', ['host', 'port', 'secure', 'user', 'pass', 'from', 'to']);
	if (email) {
		const host = email.string('host');
		const from = email.string('from');
		const to = email.stringList('to');
		if (!host || !from || !to || to.length === 0) {
			source.report(email.map, 'email needs host, from and to');
		} else {
			const secure = email.boolean('secure') ?? false;
			channels.email = {host, port: email.integer('port', 1, 65_535) ?? (secure ? 465 : 587), secure, user: email.string('user'), pass: email.string('pass'), from, to};
		}
	}

	return channels;
}

function readUsers(source: YamlSource): NotifyUser[] {
	const root = MapReader.of(source, source.root, 'user_config.json');
	if (!root) {
		return [];
	}

	const usersNode = root.node('users');
	if (usersNode === undefined) {
		return [];
	}

	if (!isSeq(usersNode)) {
		root.report('users', 'users must be a list');
		return [];
	}

	const users: NotifyUser[] = [];
	for (const item of usersNode.items) {
		const user = MapReader.of(source, item, 'a user');
		if (!user) {
			continue;
		}

		const name = user.string('name');
		if (!name) {
			source.report(user.map, 'a user needs a name');
			continue;
		}

		users.push({name, pushplusToken: user.string('pushplus_token'), switches: readSwitches(user), watchedStocks: user.stringList('watched_stocks') ?? []});
	}

	return users;
}

/**
 * Reads `config/notify_config.json` and `config/user_config.json` in the Sage format, plus the
 * `channels` and `delivery` extensions; every problem with FILE:LINE:COL, all at once.
 */
export function loadNotifySettings(notifyFile: string, userFile: string): NotifySettings {
	const notifySource = readJson(notifyFile);
	const userSource = readJson(userFile);
	const settings: NotifySettings = {switches: {}, channels: {}, users: [], delivery: {attempts: 3, backoffMs: 5000, timeoutMs: 10_000}, secrets: [], warnings: []};
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

	const {dingtalk, wecom, email, webhook} = settings.channels;
	settings.secrets = [
		...(webhook ? [...(webhook.secret ? [webhook.secret] : []), ...webhookKeys(webhook.url)] : []),
		...settings.users.flatMap(user => (user.pushplusToken ? [user.pushplusToken] : [])),
		...(dingtalk ? [dingtalk.webhook, ...(dingtalk.secret ? [dingtalk.secret] : []), ...webhookKeys(dingtalk.webhook)] : []),
		...(wecom ? [wecom.webhook, ...webhookKeys(wecom.webhook)] : []),
		...(email?.pass ? [email.pass] : []),
	];
	settings.warnings = [notifyFile, userFile].flatMap(file => {
		const warning = permissionWarning(file);
		return warning ? [warning] : [];
	});
	return settings;
}

/** access_token=… and key=… values in a robot webhook URL. */
function webhookKeys(webhook: string): string[] {
	try {
		return [...new URL(webhook).searchParams.entries()].filter(([name]) => /token|key|secret/i.test(name)).map(([, value]) => value).filter(value => value.length >= 6);
	} catch {
		return [];
	}
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
