import {DeliveryError, postJson} from '../delivery-error.js';
import type {Message} from '../notification-types.js';

export const wecomMaxBytes = 4096;

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
	const bytes = Buffer.from(text, 'utf8');
	if (bytes.length <= maxBytes) {
		return text;
	}

	const marker = '\n…';
	let end = maxBytes - Buffer.byteLength(marker);
	// Step back over UTF-8 continuation bytes (10xxxxxx) to a character boundary.
	while (end > 0 && (bytes[end]! & 0xC0) === 0x80) {
		end--;
	}

	return bytes.subarray(0, end).toString('utf8') + marker;
}

/** WeCom group robot, markdown, content at most 4096 bytes. */
export async function sendWecom(webhook: string, message: Message, signal: AbortSignal): Promise<void> {
	const answer = await postJson(webhook, {msgtype: 'markdown', markdown: {content: truncateUtf8(message.markdown, wecomMaxBytes)}}, signal);
	const code = Number(answer.errcode ?? 0);
	if (code !== 0) {
		// 45009: over the robot's rate limit.
		throw new DeliveryError(`WeCom errcode ${code}: ${String(answer.errmsg ?? '')}`, code === 45_009 || code === -1);
	}
}
