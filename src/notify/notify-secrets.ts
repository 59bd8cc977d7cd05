import type {ChannelsConfig} from './channels-config.js';
import type {NotifyUser} from './notify-users.js';
import {decodedPart} from './url-credentials.js';

/** access_token=… and key=… values in a robot webhook URL, and its `user:password@`'s password. */
function webhookKeys(webhook: string): string[] {
	try {
		const url = new URL(webhook);
		const keys = [...url.searchParams.entries()].filter(([name]) => /token|key|secret/i.test(name)).map(([, value]) => value);
		return [...keys, decodedPart(url.password)].filter(value => value.length >= 6);
	} catch {
		return [];
	}
}

/** Every secret the notification config holds (tokens, robot webhooks and their keys, passwords), to scrub from logs, errors and the screen. */
export function notifySecrets(channels: ChannelsConfig, users: readonly NotifyUser[]): string[] {
	const {pushplus, dingtalk, wecom, email, webhook} = channels;
	return [
		...(pushplus ? webhookKeys(pushplus.url) : []),
		...(webhook ? [...(webhook.secret ? [webhook.secret] : []), ...webhookKeys(webhook.url)] : []),
		...users.flatMap(user => (user.pushplusToken ? [user.pushplusToken] : [])),
		...(dingtalk ? [dingtalk.webhook, ...(dingtalk.secret ? [dingtalk.secret] : []), ...webhookKeys(dingtalk.webhook)] : []),
		...(wecom ? [wecom.webhook, ...webhookKeys(wecom.webhook)] : []),
		...(email?.pass ? [email.pass] : []),
	];
}
