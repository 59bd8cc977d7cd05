import {DeliveryError, postJson} from '../delivery-error.js';
import {fitMarkdown} from '../markdown-fit.js';
import type {Message} from '../notification-types.js';
import {robotErrcode} from './robot-errcode.js';

export const wecomMaxBytes = 4096;

/** WeCom group robot, markdown, content at most 4096 bytes (errcode 40058 past it). */
export async function sendWecom(webhook: string, message: Message, signal: AbortSignal): Promise<void> {
	const content = fitMarkdown(message, text => Buffer.byteLength(text) - wecomMaxBytes);
	const answer = await postJson(webhook, {msgtype: 'markdown', markdown: {content}}, signal);
	const code = robotErrcode(answer, 'WeCom');
	if (code !== 0) {
		// 45009: over the robot's rate limit.
		throw new DeliveryError(`WeCom errcode ${code}: ${String((answer as {errmsg?: unknown}).errmsg ?? '')}`, code === 45_009 || code === -1);
	}
}
