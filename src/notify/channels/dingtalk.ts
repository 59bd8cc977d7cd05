import {createHmac} from 'node:crypto';
import {DeliveryError, postJson} from '../delivery-error.js';
import type {Message} from '../notification-types.js';

/** DingTalk's signature: URL-encoded base64 HMAC-SHA256 of `timestamp + "\n" + secret`, keyed by the secret. */
export function dingtalkSign(timestamp: number, secret: string): string {
	return encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
}

/** DingTalk custom robot, markdown. Failures come back as HTTP 200 with a non-zero `errcode`. */
export async function sendDingtalk(webhook: string, secret: string | undefined, message: Message, signal: AbortSignal): Promise<void> {
	let url = webhook;
	if (secret) {
		const timestamp = Date.now();
		url += `${webhook.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${dingtalkSign(timestamp, secret)}`;
	}

	const answer = await postJson(url, {msgtype: 'markdown', markdown: {title: message.title, text: message.markdown}}, signal);
	const code = Number(answer.errcode ?? 0);
	if (code !== 0) {
		// 130101: sending too fast.
		throw new DeliveryError(`DingTalk errcode ${code}: ${String(answer.errmsg ?? '')}`, code === 130_101 || code === -1);
	}
}
