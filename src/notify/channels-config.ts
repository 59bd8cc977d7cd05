import type {Node} from 'yaml';
import {MapReader} from '../config/map-reader.js';
import type {YamlSource} from '../config/yaml-source.js';

export type ChannelsConfig = {
	/** @default {url: 'https://www.pushplus.plus/send'} when any user has a pushplus_token */
	pushplus?: {url: string};
	dingtalk?: {webhook: string; secret?: string};
	wecom?: {webhook: string};
	email?: {host: string; port: number; secure: boolean; user?: string; pass?: string; from: string; to: string[]};
	/** A signed JSON webhook (src/notify/channels/webhook.ts). */
	webhook?: {url: string; secret?: string};
};

export const defaultPushplusUrl = 'https://www.pushplus.plus/send';

function isUrl(text: string | undefined): text is string {
	return text !== undefined && /^https?:\/\/\S+$/.test(text);
}

/** The `channels` extension of notify_config.json; each problem reported to `source` with its position. */
export function readChannels(source: YamlSource, node: Node | undefined): ChannelsConfig {
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
