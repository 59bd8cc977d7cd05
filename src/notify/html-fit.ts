import {escapeHtml} from './messages.js';
import type {Message} from './notification-types.js';

const cutMark = '…';

const isLowSurrogate = (code: number) => code >= 0xDC_00 && code <= 0xDF_FF;

/** The first `max` UTF-16 units of `text` at most, never half a surrogate pair (an emoji). */
export function headChars(text: string, max: number): string {
	let end = Math.max(0, Math.min(max, text.length));
	if (end > 0 && end < text.length && isLowSurrogate(text.charCodeAt(end))) {
		end--;
	}

	return text.slice(0, end);
}

/** The last `max` UTF-16 units of `text` at most, never half a surrogate pair. */
function tailChars(text: string, max: number): string {
	let start = Math.max(0, text.length - Math.max(0, max));
	if (start > 0 && start < text.length && isLowSurrogate(text.charCodeAt(start))) {
		start++;
	}

	return text.slice(start);
}

/** The first `max` units of `html`, cut before a tag or an entity the cut would split. */
function headHtml(html: string, max: number): string {
	let end = headChars(html, max).length;
	const tag = html.lastIndexOf('<', end - 1);
	if (tag !== -1 && html.lastIndexOf('>', end - 1) < tag) {
		end = tag;
	}

	const entity = html.lastIndexOf('&', end - 1);
	if (entity !== -1 && html.lastIndexOf(';', end - 1) < entity && end - entity <= 8) {
		end = entity;
	}

	return html.slice(0, end);
}

/**
 * A message's HTML within `maxChars` UTF-16 units (PushPlus counts characters, 字): as the robots'
 * markdown (markdown-fit.ts), the stack is cut first — a command's stderr from its top, a JavaScript
 * stack from its end — so the fields (error, log path) stay whole; only when they alone are too long,
 * or the HTML has no separate stack (a digest, a job's own `ctx.notify` body), is the whole cut at its
 * end, never inside a tag, an entity or a surrogate pair.
 */
export function fitHtml(message: Pick<Message, 'html' | 'htmlParts'>, maxChars: number): string {
	const {html, htmlParts: parts} = message;
	if (html.length <= maxChars) {
		return html;
	}

	if (parts) {
		const {head, pre, keep} = parts;
		const withPre = (room: number) => `${head}<pre>${keep === 'end' ? `${cutMark}${escapeHtml(tailChars(pre, room))}` : `${escapeHtml(headChars(pre, room))}${cutMark}`}</pre>`;
		// The most of `pre` that fits, found by halving (escaping makes its HTML longer than itself, by how
		// much depends on the part kept): 17 tries for 100,000 characters.
		let [fits, fitsNot] = [0, pre.length];
		while (fitsNot - fits > 1) {
			const room = Math.floor((fits + fitsNot) / 2);
			[fits, fitsNot] = withPre(room).length <= maxChars ? [room, fitsNot] : [fits, room];
		}

		if (fits > 0) {
			return withPre(fits);
		}
	}

	return `${headHtml(parts?.head ?? html, maxChars - cutMark.length)}${cutMark}`;
}
