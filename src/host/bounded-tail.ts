import type {LogLine} from '../core/log-line.js';

/**
 * The most a subscription's backlog may take, in bytes: the answer is one line, which a client's
 * transport takes up to 8 MB (socket-transport.ts), and the snapshot travels with it. Lines are up to
 * 64 KiB each, so 5,000 of them could be 300 MB: an answer no client could take, a console that would
 * try to attach or re-attach for ever.
 */
export const maxTailBytes = 4 * 1024 * 1024;

/** A line's size on the wire, near enough: its texts in UTF-8 and room for the rest (escapes fit the slack under the transport's bound). */
const wireBytes = (line: LogLine) => Buffer.byteLength(line.msg) + (line.fields === undefined ? 0 : Buffer.byteLength(line.fields)) + 128;

/** The newest of `lines` (oldest first) that fit `maxBytes`, oldest first, and whether older ones were left out. */
export function newestWithin(lines: readonly LogLine[], maxBytes = maxTailBytes): {lines: LogLine[]; cut: boolean} {
	let bytes = 0;
	let from = lines.length;
	while (from > 0) {
		const size = wireBytes(lines[from - 1]!);
		if (bytes + size > maxBytes) {
			break;
		}

		bytes += size;
		from--;
	}

	return {lines: lines.slice(from), cut: from > 0};
}
