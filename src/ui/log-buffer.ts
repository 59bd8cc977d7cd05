import type {LogLine} from '../core/log-line.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import {dayNumberOf} from './log-days.js';

export type LineFilter = ((line: LogLine) => boolean) | undefined;

/** A line with its place in the stream: `seq` counts every line the console has received. */
export type NumberedLine = {seq: number; line: LogLine};

/**
 * The console's log lines in a fixed-size ring, each known by its sequence number, so a selection or
 * a scrolled-back view stays on the same line while new ones arrive (an index from the newest would
 * slide under the operator's cursor at a thousand lines a second). Each line's day (log-days.ts) is
 * worked out once, as it arrives, so the panel's day separators cost a comparison per line shown.
 */
export class LogBuffer {
	private readonly ring: Array<LogLine | undefined>;
	private readonly days: Int32Array;
	private total = 0;
	/** Sequence numbers of lines before which lines were missed (markMissed), oldest first. */
	private missed: number[] = [];
	/** Increases on every append: cheap change detection for readers. */
	version = 0;

	/** @param zoneOf the zone a line's day is of: the scheduler's (log-days.ts) */
	constructor(readonly capacity = 5000, private readonly zoneOf: () => string = () => exchangeTimeZone) {
		this.ring = Array.from({length: capacity});
		this.days = new Int32Array(capacity);
	}

	/**
	 * Lines were missed before the next line appended (a console the scheduler dropped for not reading,
	 * whose re-attach backlog does not reach back to the lines it held): the panel marks the place.
	 */
	markMissed(): void {
		this.missed = [...this.missed.filter(seq => seq >= this.oldest && seq !== this.total), this.total];
	}

	/** Whether lines were missed after `older` and up to `seq`: a marker row goes above `seq`. */
	missedBetween(older: number, seq: number): boolean {
		return this.missed.some(at => at > older && at <= seq && at >= this.oldest);
	}

	append(lines: readonly LogLine[]): void {
		for (const line of lines) {
			this.ring[this.total % this.capacity] = line;
			this.days[this.total % this.capacity] = dayNumberOf(line.time, this.zoneOf());
			this.total++;
		}

		if (lines.length > 0) {
			this.version++;
		}
	}

	get length(): number {
		return Math.min(this.total, this.capacity);
	}

	/** The oldest sequence number still held. */
	get oldest(): number {
		return this.total - this.length;
	}

	/** The newest sequence number (-1 when empty). */
	get newest(): number {
		return this.total - 1;
	}

	at(seq: number): LogLine | undefined {
		return seq >= this.oldest && seq < this.total ? this.ring[seq % this.capacity] : undefined;
	}

	/** The day of a held line (log-days.ts: dayNumberOf); undefined when it is not held. */
	dayAt(seq: number): number | undefined {
		return seq >= this.oldest && seq < this.total ? this.days[seq % this.capacity] : undefined;
	}

	/** Up to `count` matching lines, oldest first, ending at `end` (default: the newest) or before it. */
	window(count: number, end = this.newest, filter?: LineFilter): NumberedLine[] {
		const out: NumberedLine[] = [];
		for (let seq = Math.min(end, this.newest); seq >= this.oldest && out.length < count; seq--) {
			const line = this.ring[seq % this.capacity]!;
			if (!filter || filter(line)) {
				out.push({seq, line});
			}
		}

		return out.reverse();
	}

	/**
	 * The matching line `steps` lines away from `seq` (negative: older), stopping at the ends.
	 * @returns undefined when no line matches at all
	 */
	step(seq: number, steps: number, filter?: LineFilter): number | undefined {
		const direction = steps < 0 ? -1 : 1;
		let found = this.matches(seq, filter) ? seq : undefined;
		let left = Math.abs(steps);
		for (let at = seq + direction; left > 0 && at >= this.oldest && at <= this.newest; at += direction) {
			if (this.matches(at, filter)) {
				found = at;
				left--;
			}
		}

		return found ?? this.window(1, seq, filter)[0]?.seq ?? this.nextMatching(seq, filter);
	}

	/** Matching lines newer than `seq`. */
	countAfter(seq: number, filter?: LineFilter): number {
		let count = 0;
		for (let at = Math.max(seq + 1, this.oldest); at <= this.newest; at++) {
			if (this.matches(at, filter)) {
				count++;
			}
		}

		return count;
	}

	/** The nearest line before (direction -1) or after (+1) `from` whose text contains `term`, any case. */
	find(term: string, from: number, direction: -1 | 1, filter?: LineFilter): number | undefined {
		const needle = term.toLowerCase();
		for (let at = from + direction; at >= this.oldest && at <= this.newest; at += direction) {
			const line = this.ring[at % this.capacity]!;
			if ((!filter || filter(line)) && `${line.jobId ?? ''} ${line.msg}`.toLowerCase().includes(needle)) {
				return at;
			}
		}

		return undefined;
	}

	private matches(seq: number, filter: LineFilter): boolean {
		const line = this.at(seq);
		return line !== undefined && (!filter || filter(line));
	}

	private nextMatching(seq: number, filter: LineFilter): number | undefined {
		for (let at = Math.max(seq, this.oldest); at <= this.newest; at++) {
			if (this.matches(at, filter)) {
				return at;
			}
		}

		return undefined;
	}
}
