import {msPerDay} from './civil-calendar.js';

/** An offset change: from `at` on, the zone is `after` ms ahead of UTC instead of `before`. */
export type ZoneTransition = {at: number; before: number; after: number};

/** What a wall time is in a zone: one instant, two (a DST fall-back repeats it), or none (a spring-forward gap). */
export type WallResolution =
	| {kind: 'single'; at: number}
	| {kind: 'overlap'; first: number; second: number}
	/** `shifted` reads the wall time with the offset in force before the gap, i.e. moves it forward by the gap's length. */
	| {kind: 'gap'; shifted: number; transition: ZoneTransition};

type YearRules = {year: number; start: number; end: number; startOffset: number; transitions: ZoneTransition[]};

const none: readonly ZoneTransition[] = Object.freeze([]);

const offsetPattern = /GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/;
const hour = 3_600_000;
/**
 * tzdata lists one-off changes up to 2087 (Morocco's Ramadan changes are the last); after that every
 * zone follows an annual rule, so a year from here on without a change is followed only by such years.
 */
const annualRulesFrom = 2088;

/**
 * A zone's offsets from the zone database (Intl, i.e. ICU's copy of tzdata), for any year: each year's
 * transitions are found once, by sampling the offset daily and bisecting each change to the second
 * (~1 ms a year), and kept. After that, instant → offset and wall time → instant cost a lookup, not an
 * Intl call (~3 µs each; and a near-now fixed offset was wrong for other years: Shanghai had DST in
 * 1986-1991). Assumes no zone changes its offset and back within a day, which tzdata has no case of
 * since 1970 (test/core/zone-rules.test.ts compares with Python's zoneinfo).
 */
export class ZoneRules {
	private readonly years = new Map<number, YearRules>();
	private readonly formatter: Intl.DateTimeFormat;
	/** The year asked for last: schedules ask about the same year again and again. */
	private recent: YearRules | undefined;

	constructor(readonly timeZone: string) {
		this.formatter = new Intl.DateTimeFormat('en-US', {timeZone, timeZoneName: 'longOffset'});
	}

	/** Offset from UTC in ms at an instant. */
	offsetAt(instant: number): number {
		const rules = this.rulesAt(instant);
		let offset = rules.startOffset;
		for (const transition of rules.transitions) {
			if (transition.at > instant) {
				break;
			}

			offset = transition.after;
		}

		return offset;
	}

	/** Transitions with `from <= at < to`, oldest first. */
	transitionsBetween(from: number, to: number): readonly ZoneTransition[] {
		let found: ZoneTransition[] | undefined;
		for (let rules = this.rulesAt(from); ; rules = this.yearRules(rules.year + 1)) {
			for (const transition of rules.transitions) {
				if (transition.at >= from && transition.at < to) {
					(found ??= []).push(transition);
				}
			}

			if (rules.end >= to) {
				break;
			}
		}

		return found ?? none;
	}

	/** The instant(s) at which the zone's clock shows `wall` (a wall time as Date.UTC numbers it). */
	resolveWall(wall: number): WallResolution {
		// Offsets lie within ±15 h, so only transitions within that distance can matter.
		const window = this.transitionsBetween(wall - (16 * hour), wall + (16 * hour));
		if (window.length === 0) {
			return {kind: 'single', at: wall - this.offsetAt(wall)};
		}

		const offsets = new Set([window[0]!.before, ...window.map(t => t.after)]);
		const instants = [...offsets].map(offset => wall - offset).filter(at => this.offsetAt(at) === wall - at).sort((a, b) => a - b);
		if (instants.length === 1) {
			return {kind: 'single', at: instants[0]!};
		}

		if (instants.length > 1) {
			return {kind: 'overlap', first: instants[0]!, second: instants.at(-1)!};
		}

		const gap = window.find(t => t.after > t.before && wall >= t.at + t.before && wall < t.at + t.after) ?? window[0]!;
		return {kind: 'gap', shifted: wall - gap.before, transition: gap};
	}

	private intlOffset(instant: number): number {
		const second = Math.floor(instant / 1000) * 1000;
		const match = offsetPattern.exec(this.formatter.format(second));
		if (!match?.[1]) {
			return 0;
		}

		const sign = match[1] === '-' ? -1 : 1;
		return sign * ((Number(match[2]) * hour) + (Number(match[3]) * 60_000) + (Number(match[4] ?? 0) * 1000));
	}

	private rulesAt(instant: number): YearRules {
		const recent = this.recent;
		if (recent && instant >= recent.start && instant < recent.end) {
			return recent;
		}

		this.recent = this.yearRules(new Date(instant).getUTCFullYear());
		return this.recent;
	}

	private yearRules(year: number): YearRules {
		let rules = this.years.get(year);
		if (!rules) {
			const settled = year > annualRulesFrom ? this.yearRules(annualRulesFrom) : undefined;
			rules = settled && settled.transitions.length === 0
				? {year, start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1), startOffset: settled.startOffset, transitions: []}
				: this.computeYear(year);
			this.years.set(year, rules);
		}

		return rules;
	}

	private computeYear(year: number): YearRules {
		const start = Date.UTC(year, 0, 1);
		const end = Date.UTC(year + 1, 0, 1);
		const startOffset = this.intlOffset(start);
		const transitions: ZoneTransition[] = [];
		const offsetBefore = this.intlOffset(start - 1000);
		if (offsetBefore !== startOffset) {
			transitions.push({at: start, before: offsetBefore, after: startOffset});
		}

		let previousAt = start;
		let previousOffset = startOffset;
		for (let at = Math.min(start + msPerDay, end); ; at = Math.min(at + msPerDay, end)) {
			// The last sample is the year's last second: a change exactly at midnight UTC on 1 January
			// belongs to the next year.
			const offset = at === end ? this.intlOffset(end - 1000) : this.intlOffset(at);
			if (offset !== previousOffset) {
				transitions.push({at: this.bisect(previousAt, at === end ? end - 1000 : at, previousOffset), before: previousOffset, after: offset});
			}

			if (at === end) {
				break;
			}

			previousAt = at;
			previousOffset = offset;
		}

		return {year, start, end, startOffset, transitions};
	}

	/** The first second in (low, high] whose offset is not `lowOffset`. */
	private bisect(low: number, high: number, lowOffset: number): number {
		let lo = low;
		let hi = high;
		while (hi - lo > 1000) {
			const mid = lo + (Math.floor((hi - lo) / 2000) * 1000);
			if (this.intlOffset(mid) === lowOffset) {
				lo = mid;
			} else {
				hi = mid;
			}
		}

		return hi;
	}
}

const zones = new Map<string, ZoneRules>();

/**
 * The shared rules of a zone. A memo, not state: a zone's rules are fixed for the life of the process,
 * and building them again per caller would repeat the Intl sampling.
 */
export function zoneRules(timeZone: string): ZoneRules {
	let rules = zones.get(timeZone);
	if (!rules) {
		rules = new ZoneRules(timeZone);
		zones.set(timeZone, rules);
	}

	return rules;
}
