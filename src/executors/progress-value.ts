/**
 * What a job reports as progress, made safe before the scheduler sees it: the console draws a bar from
 * the fraction and a line from the message, and history keeps both. A job may pass anything.
 */

/** @default 500 characters */
export const maxProgressMessage = 500;

/** A finite number clamped to 0..1; anything else (NaN, a string, an object) is no fraction at all. */
export function progressFraction(value: unknown): number | undefined {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		return undefined;
	}

	return Math.min(1, Math.max(0, value));
}

/** A string capped to `max` characters; other values as `String()` gives them, when that does not throw. */
export function progressMessage(value: unknown, max = maxProgressMessage): string | undefined {
	if (value === undefined || value === null) {
		return undefined;
	}

	return capText(safeString(value), max);
}

/** `String(value)`, or a marker when that throws (a toString that throws, a Proxy). */
export function safeString(value: unknown): string {
	if (typeof value === 'string') {
		return value;
	}

	try {
		return String(value);
	} catch {
		return '[unprintable value]';
	}
}

/** At most `max` characters, ending in `…` when cut, never splitting a surrogate pair. */
export function capText(text: string, max: number): string {
	if (text.length <= max) {
		return text;
	}

	let end = max - 1;
	const last = text.charCodeAt(end - 1);
	if (last >= 0xD8_00 && last <= 0xDB_FF) {
		end--;
	}

	return `${text.slice(0, end)}…`;
}
