import type {Message} from './notification-types.js';

const fence = '```';
const cutMark = '…';

/** The first `maxBytes` of `text`'s UTF-8 at most, never half a character. */
function headUtf8(text: string, maxBytes: number): string {
	const bytes = Buffer.from(text, 'utf8');
	let end = Math.max(0, Math.min(maxBytes, bytes.length));
	// Step back over continuation bytes (10xxxxxx) to a character's first byte.
	while (end > 0 && end < bytes.length && (bytes[end]! & 0xC0) === 0x80) {
		end--;
	}

	return bytes.subarray(0, end).toString('utf8');
}

/** The last `maxBytes` of `text`'s UTF-8 at most, never half a character. */
function tailUtf8(text: string, maxBytes: number): string {
	const bytes = Buffer.from(text, 'utf8');
	let start = Math.max(0, bytes.length - Math.max(0, maxBytes));
	while (start < bytes.length && (bytes[start]! & 0xC0) === 0x80) {
		start++;
	}

	return bytes.subarray(start).toString('utf8');
}

/** A fence left open by a cut is closed, or the rest of a robot's message would read as code. */
function closeFences(text: string): string {
	const opened = text.split('\n').filter(line => line.startsWith(fence)).length;
	return opened % 2 === 1 ? `${text}\n${fence}` : text;
}

/**
 * Shortens `make(room)` until `overBy` (the bytes past the channel's limit, as the channel counts
 * them: a JSON body, or the content's UTF-8) is 0 or less; `room` starts at `full` bytes.
 */
function shrink(full: number, overBy: (text: string) => number, make: (room: number) => string): string | undefined {
	let room = full;
	for (let tries = 0; tries < 20 && room > 0; tries++) {
		const text = make(room);
		const over = overBy(text);
		if (over <= 0) {
			return text;
		}

		room -= over;
	}

	return undefined;
}

/**
 * A robot's markdown within its channel's size limit (WeCom 4,096 bytes of content, DingTalk 20,000
 * bytes of body): the stack is cut first — from its top for a command's stderr, where a Python
 * traceback ends with the exception, from its end for a JavaScript stack — so the fields (error, log
 * path) stay whole; when they alone are too long, their longest line is cut (cutLongestLine), and
 * only when that is not enough is the whole text cut at its end. UTF-8 is never split, and a code
 * fence a cut leaves open is closed.
 */
export function fitMarkdown(message: Pick<Message, 'markdown' | 'markdownParts'>, overBy: (text: string) => number): string {
	const {markdown, markdownParts: parts} = message;
	if (overBy(markdown) <= 0) {
		return markdown;
	}

	if (parts) {
		const {head, pre, keep} = parts;
		const withPre = (room: number) => {
			const cut = keep === 'end' ? `${cutMark}${tailUtf8(pre, room)}` : `${headUtf8(pre, room)}${cutMark}`;
			return `${head}\n\n${fence}\n${cut}\n${fence}`;
		};

		const fitted = shrink(Buffer.byteLength(pre) - overBy(markdown), overBy, withPre);
		if (fitted !== undefined) {
			return fitted;
		}
	}

	const whole = parts?.head ?? markdown;
	return cutLongestLine(whole, overBy) ?? shrink(Buffer.byteLength(whole) - overBy(whole), overBy, room => closeFences(`${headUtf8(whole, room)}\n${cutMark}`)) ?? cutMark;
}

/**
 * `text` with its longest line cut until it fits, when cutting that line alone can: a field far too long
 * (an exception quoting a 10 KB record) gives way, and the fields after it (`log`, `next`) stay. Cut at
 * the end of the text instead, a WeCom alert lost its log path and what to type.
 */
function cutLongestLine(text: string, overBy: (text: string) => number): string | undefined {
	const lines = text.split('\n');
	const sizes = lines.map(line => Buffer.byteLength(line));
	const longest = sizes.indexOf(Math.max(...sizes));
	const line = lines[longest]!;
	// The last line cut is the text cut at its end, as below; a fence is never cut.
	if (longest === lines.length - 1 || line.startsWith(fence)) {
		return undefined;
	}

	return shrink(sizes[longest]! - overBy(text), overBy, room => lines.with(longest, `${headUtf8(line, room)}${cutMark}`).join('\n'));
}
