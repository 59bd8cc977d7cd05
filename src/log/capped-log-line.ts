/** What a run log line's fields may hold in all, in bytes of JSON: the 64 KiB cap of a command's line. */
export const maxLogLineBytes = 64 * 1024;

/**
 * Room above `maxLogLineBytes` for a line's envelope (level, time, ids, field names), so a line whose
 * message was already cut to 64 KiB (a module job's console.log) is not cut a second time.
 */
const envelopeBytes = 8 * 1024;

/**
 * A pino line (`{…}\n`) no longer than about `maxBytes`: a longer one keeps its fields in their order,
 * small ones whole and big ones (strings, or other values as their JSON text) cut to a fair share of
 * `maxBytes` and ended with `…`, and its `msg` ends with `[line truncated: N bytes]` (N the whole
 * line's length), as a command's cut line does. The line stays valid JSON with its msg, so every reader
 * shows it formatted. A line that is not a JSON object becomes one whose msg is its cut text.
 */
export function cappedLogLine(line: string, maxBytes = maxLogLineBytes): string {
	const length = Buffer.byteLength(line);
	if (length <= maxBytes + envelopeBytes) {
		return line;
	}

	const marker = `[line truncated: ${length} bytes]`;
	let record: unknown;
	try {
		record = JSON.parse(line);
	} catch {
		record = undefined;
	}

	if (typeof record !== 'object' || record === null || Array.isArray(record)) {
		return `${JSON.stringify({level: 30, time: Date.now(), msg: `${cutText(line.trimEnd(), maxBytes)} ${marker}`})}\n`;
	}

	const fields = record as Record<string, unknown>;
	const shares = fairShares(Object.entries(fields).map(([key, value]) => Buffer.byteLength(JSON.stringify(value) ?? '') + key.length + 4), maxBytes);
	const capped: Record<string, unknown> = {};
	for (const [index, [key, value]] of Object.entries(fields).entries()) {
		const share = shares[index]!;
		capped[key] = share === undefined ? value : cutValue(value, share);
	}

	const msg = typeof capped.msg === 'string' ? capped.msg : '';
	capped.msg = msg ? `${msg} ${marker}` : marker;
	return `${JSON.stringify(capped)}\n`;
}

/**
 * Water-filling of `budget` over fields of these sizes: the small ones whole (undefined), the rest an
 * equal share each of what the small ones left.
 */
function fairShares(sizes: number[], budget: number): Array<number | undefined> {
	const order = sizes.map((size, index) => ({size, index})).sort((a, b) => a.size - b.size);
	const shares: Array<number | undefined> = sizes.map(() => undefined);
	let left = budget;
	for (const [position, {size, index}] of order.entries()) {
		const fair = Math.floor(left / (order.length - position));
		if (size <= fair) {
			left -= size;
		} else {
			shares[index] = Math.max(fair, 64);
		}
	}

	return shares;
}

/** A value cut to about `bytes` of JSON: a string keeps its beginning, anything else its JSON text's. */
function cutValue(value: unknown, bytes: number): string {
	return cutText(typeof value === 'string' ? value : JSON.stringify(value) ?? String(value), bytes);
}

/** The beginning of `text` whose JSON form takes about `bytes`, ended with `…` (whole characters only). */
function cutText(text: string, bytes: number): string {
	const size = Buffer.byteLength(JSON.stringify(text));
	if (size <= bytes) {
		return text;
	}

	let end = Math.max(0, Math.floor(text.length * (bytes / size)) - 1);
	const code = text.charCodeAt(end - 1);
	if (code >= 0xD8_00 && code <= 0xDB_FF) {
		end--;
	}

	return `${text.slice(0, end)}…`;
}
