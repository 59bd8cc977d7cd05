import {zonedInstant, addDays, zonedDate} from '../../time/zoned-time.js';
import {DeliveryError, postJson} from '../delivery-error.js';
import type {Message} from '../notification-types.js';

/**
 * PushPlus (WeChat): POST {token, title, content, template: 'html'}. The body's `code` decides, not
 * the HTTP status: 200 accepted, 900 the account's daily limit (stop until tomorrow), 903 bad token.
 */
export async function sendPushplus(url: string, token: string, message: Message, signal: AbortSignal): Promise<void> {
	const answer = await postJson(url, {token, title: message.title, content: message.html, template: 'html'}, signal);
	const code = Number(answer.code);
	if (code === 200) {
		return;
	}

	const detail = `PushPlus code ${code}: ${String(answer.msg ?? '')}`;
	if (code === 900) {
		const tomorrow = zonedInstant(addDays(zonedDate(Date.now(), 'Asia/Shanghai'), 1), 'Asia/Shanghai').getTime();
		throw new DeliveryError(`${detail} (daily limit reached; paused until tomorrow)`, false, tomorrow);
	}

	throw new DeliveryError(code === 903 ? `${detail} (the token is not valid)` : detail, code !== 903 && code >= 500);
}
