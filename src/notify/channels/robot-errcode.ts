import {DeliveryError} from '../delivery-error.js';

/**
 * The `errcode` of a DingTalk or WeCom robot's answer, which they give with every answer (0: taken).
 * An answer without one (`{}`, `null`: a proxy or a captive portal in the way, a wrong URL that answers
 * JSON) is a failed delivery saying so, worth another try: it read as errcode 0, taken, and the alert
 * was lost; `null` failed with `Cannot read properties of null`.
 */
export function robotErrcode(answer: unknown, robot: 'DingTalk' | 'WeCom'): number {
	const code = typeof answer === 'object' && answer !== null ? (answer as {errcode?: unknown}).errcode : undefined;
	if (typeof code === 'number' && Number.isInteger(code)) {
		return code;
	}

	throw new DeliveryError(`${robot} answered without an errcode (${JSON.stringify(answer).slice(0, 80)}): is the URL the robot's webhook?`, true);
}
