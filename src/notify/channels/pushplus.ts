import {zonedInstant, addDays, zonedDate} from '../../time/zoned-time.js';
import {DeliveryError, postJson} from '../delivery-error.js';
import {fitHtml, headChars} from '../html-fit.js';
import type {Message} from '../notification-types.js';

/**
 * PushPlus's documented limits for a verified (实名) account, "消息接口限制"
 * (https://www.pushplus.plus/doc/help/limit.html): content 20,000 characters (字), title 100
 * (a member's: 100,000 and 200; we keep the lower). Counted here in UTF-16 units, which a 中文
 * character or an emoji never under-counts. What it answers past them is not documented; cut before.
 */
export const pushplusMaxContentChars = 20_000;
export const pushplusMaxTitleChars = 100;

const fitTitle = (title: string) => (title.length <= pushplusMaxTitleChars ? title : `${headChars(title, pushplusMaxTitleChars - 1)}…`);

/**
 * PushPlus (WeChat): POST {token, title, content, template: 'html'}. The body's `code` decides, not
 * the HTTP status: 200 accepted, 900 the account's daily limit (stop until tomorrow), 903 bad token.
 * The other 9xx codes are about the account or the message (905 an account not verified, 999 a message
 * the server refuses): another try cannot help, as it can after a 5xx of its own.
 */
export async function sendPushplus(url: string, token: string, message: Message, signal: AbortSignal): Promise<void> {
	const content = fitHtml(message, pushplusMaxContentChars);
	const answer = await postJson(url, {token, title: fitTitle(message.title), content, template: 'html'}, signal);
	const said = typeof answer === 'object' && answer !== null ? answer as {code?: unknown; msg?: unknown} : {};
	const code = Number(said.code);
	if (code === 200) {
		return;
	}

	if (!Number.isInteger(code)) {
		throw new DeliveryError(`PushPlus answered without a code (${JSON.stringify(answer).slice(0, 80)}): is the URL PushPlus's send address?`, true);
	}

	const detail = `PushPlus code ${code}: ${String(said.msg ?? '')}`;
	if (code === 900) {
		const tomorrow = zonedInstant(addDays(zonedDate(Date.now(), 'Asia/Shanghai'), 1), 'Asia/Shanghai').getTime();
		throw new DeliveryError(`${detail} (daily limit reached; paused until tomorrow)`, false, tomorrow);
	}

	throw new DeliveryError(code === 903 ? `${detail} (the token is not valid)` : detail, code >= 500 && code < 900);
}
