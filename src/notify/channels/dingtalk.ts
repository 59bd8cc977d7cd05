import {createHmac} from 'node:crypto';
import {DeliveryError, postJson} from '../delivery-error.js';
import {fitMarkdown} from '../markdown-fit.js';
import type {Message} from '../notification-types.js';
import {robotErrcode} from './robot-errcode.js';

/** DingTalk refuses a larger body: errcode 460101 "message too long, exceed 20000 bytes", not worth a retry. */
export const dingtalkMaxBodyBytes = 20_000;

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

	const body = (text: string) => ({msgtype: 'markdown', markdown: {title: message.title, text}});
	const text = fitMarkdown(message, text => Buffer.byteLength(JSON.stringify(body(text))) - dingtalkMaxBodyBytes);
	const answer = await postJson(url, body(text), signal);
	const code = robotErrcode(answer, 'DingTalk');
	if (code !== 0) {
		// 130101: sending too fast.
		throw new DeliveryError(`DingTalk errcode ${code}: ${String((answer as {errmsg?: unknown}).errmsg ?? '')}`, code === 130_101 || code === -1);
	}
}
