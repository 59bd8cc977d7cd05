/**
 * Cases for the schedule differential suite: random APScheduler field sets, cron strings, intervals and
 * dates (fast-check), aimed at the days where schedulers go wrong (DST changes in several zones, month
 * and year ends, leap days, ISO weeks 52/53, far years), plus hand-picked ones from issue 24.
 */
import fc from 'fast-check';
import {zoneRules} from '../../src/time/zone-rules.js';

export type OracleCase = {
	id: string;
	kind: 'aps' | 'cron' | 'interval' | 'date';
	timezone: string;
	fields?: Record<string, string | number>;
	cron?: string;
	interval?: Record<string, number>;
	/** Interval: where it counts from; cron and APScheduler fields: the first fire at or after it. */
	start_date?: string;
	/** Cron, APScheduler fields and interval: no fire after it (inclusive). */
	end_date?: string;
	run_date?: string;
	calendar?: 'trading-days' | 'non-trading-days';
	window?: string;
	trading_day_of_month?: 1 | -1;
	trading_day_of_week?: 1 | -1;
	/** What the case aims at, for the summary. */
	tag: string;
};

/** One `list --json --from F --count N` run: every case in it shares the instant and the count. */
export type OracleBatch = {from: string; count: number; focus: string; cases: OracleCase[]};

export const dstZones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Australia/Sydney', 'America/St_Johns', 'America/Sao_Paulo', 'Europe/Moscow', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Shanghai'];
export const zones = [...dstZones, 'UTC', 'Asia/Kolkata', 'Asia/Tokyo'];

const hour = 3_600_000;
const day = 24 * hour;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A wall time written in a zone, as config text, e.g. `2026-03-08 02:30:00`. */
function wallText(wall: number, fraction = false): string {
	const d = new Date(wall);
	const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
	// Six digits: APScheduler 3 reads the digits as microseconds, so ".25" would be 25 µs there.
	return fraction ? `${base}.${pad(d.getUTCMilliseconds(), 3)}000` : base;
}

// ------------------------------------------------------------------ where a batch starts

const year = fc.oneof(
	{arbitrary: fc.integer({min: 2000, max: 2060}), weight: 6},
	{arbitrary: fc.integer({min: 1970, max: 2199}), weight: 3},
	{arbitrary: fc.integer({min: 1984, max: 1993}), weight: 1},
);

const dstFrom = fc.record({zone: fc.constantFrom(...dstZones), year, pick: fc.nat(), before: fc.integer({min: 0, max: 30 * hour})}).map(({zone, year: y, pick, before}) => {
	const transitions = zoneRules(zone).transitionsBetween(Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1));
	const target = transitions.length === 0 ? Date.UTC(y, 5, 1) : transitions[pick % transitions.length]!.at;
	return {focus: zone, from: Math.floor((target - before) / 60_000) * 60_000, tag: transitions.length === 0 ? 'no-dst-year' : 'dst'};
});

const monthEndFrom = fc.record({year, month: fc.integer({min: 1, max: 12}), back: fc.integer({min: 0, max: 3 * day}), zone: fc.constantFrom(...zones)})
	.map(({year: y, month, back, zone}) => ({focus: zone, from: Math.floor((Date.UTC(y, month, 1) - back) / 60_000) * 60_000, tag: month === 12 ? 'year-end' : 'month-end'}));

const leapFrom = fc.record({leap: fc.constantFrom(1972, 1996, 2000, 2024, 2028, 2096, 2104, 2196), back: fc.integer({min: 0, max: 3 * day}), zone: fc.constantFrom(...zones)})
	.map(({leap, back, zone}) => ({focus: zone, from: Math.floor((Date.UTC(leap, 1, 29) - back) / 60_000) * 60_000, tag: 'leap'}));

/** Years with an ISO week 53 (they start on a Thursday, or on a Wednesday in a leap year). */
const week53Years = [1970, 1976, 1981, 1987, 1992, 1998, 2004, 2009, 2015, 2020, 2026, 2032, 2037, 2043, 2048, 2054, 2060, 2099, 2105, 2150, 2195];
const isoWeekFrom = fc.record({y: fc.constantFrom(...week53Years), back: fc.integer({min: 0, max: 20 * day}), zone: fc.constantFrom(...zones)})
	.map(({y, back, zone}) => ({focus: zone, from: Math.floor((Date.UTC(y, 11, 31) - back) / 60_000) * 60_000, tag: 'iso-week'}));

const anyFrom = fc.record({ms: fc.integer({min: Date.UTC(1970, 0, 10), max: Date.UTC(2199, 5, 1)}), zone: fc.constantFrom(...zones)})
	.map(({ms, zone}) => ({focus: zone, from: Math.floor(ms / 1000) * 1000, tag: 'any'}));

const batchStart = fc.oneof(
	{arbitrary: dstFrom, weight: 5},
	{arbitrary: monthEndFrom, weight: 2},
	{arbitrary: leapFrom, weight: 1},
	{arbitrary: isoWeekFrom, weight: 1},
	{arbitrary: anyFrom, weight: 1},
);

// ------------------------------------------------------------------ APScheduler fields

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const int = (min: number, max: number) => fc.integer({min, max});
const rangeOf = (min: number, max: number) => fc.tuple(int(min, max), int(min, max)).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);

const apsArbitraries = {
	year: (y: number) => fc.oneof(int(Math.max(1970, y - 1), Math.min(2199, y + 3)), fc.constant(`${Math.max(1970, y - 3)}-${Math.min(2199, y + 2)}`), fc.constant(`*/${2 + (y % 3)}`), int(1970, Math.max(1970, y - 1))),
	month: fc.oneof(int(1, 12), rangeOf(1, 12), fc.constantFrom(...months), fc.constantFrom('feb', '2,8', '*/3', 'mar-may', '11-12', 'jan,dec', '4,6,9,11')),
	day: fc.oneof(
		{arbitrary: int(28, 31), weight: 4},
		{arbitrary: int(1, 31), weight: 2},
		{arbitrary: fc.constantFrom('last', '29-31', '1-7', '*/10', '25-31/3', '1,15,last', '30,31', '31', '29'), weight: 3},
		{arbitrary: fc.tuple(fc.constantFrom('1st', '2nd', '3rd', '4th', '5th', 'last'), fc.constantFrom(...weekdays)).map(([n, w]) => `${n} ${w}`), weight: 2},
		{arbitrary: fc.constantFrom('2nd fri,15', '1,last fri', 'last sun,1st mon'), weight: 1},
	),
	week: fc.oneof(fc.constantFrom(1, 52, 53, '52,53', '1,53', '*/2', '50-53', 27), int(1, 53)),
	day_of_week: fc.oneof(int(0, 6), fc.constantFrom(...weekdays), fc.constantFrom('mon-fri', 'sat,sun', '*/2', '0-4/2', '5-6', 'fri', 'sun', 'tue-thu')),
	hour: fc.oneof({arbitrary: int(0, 3), weight: 3}, {arbitrary: int(0, 23), weight: 2}, {arbitrary: fc.constantFrom('*/6', '1-3', '2,14', '0-23/5', '*/4'), weight: 2}),
	minute: fc.oneof(fc.constantFrom(0, 15, 30, 45, 59), int(0, 59), fc.constantFrom('*/20', '*/7', '0-59/30', '15,45', '*/30')),
	second: fc.oneof(fc.constantFrom(0, 30, 59), fc.constantFrom('*/20', '*/30', '15')),
};

const apsFields = (y: number) => fc.record({
	year: apsArbitraries.year(y), month: apsArbitraries.month, day: apsArbitraries.day, week: apsArbitraries.week,
	day_of_week: apsArbitraries.day_of_week, hour: apsArbitraries.hour, minute: apsArbitraries.minute, second: apsArbitraries.second,
}, {requiredKeys: []}).filter(fields => {
	// Keep most cases firing, and the peer's own search short: few fields at once, and `week` only with
	// weekday and time fields (week with month or day is mostly "never", and APScheduler walks day by
	// day to find that out; the hand-picked cases have those).
	const names = Object.keys(fields);
	const withWeek = ['year', 'month', 'day'].some(name => names.includes(name));
	return names.length >= 1 && names.length <= 4 && !(names.includes('week') && withWeek);
});

// ------------------------------------------------------------------ cron strings (what croner and croniter both read)

const cronFields = {
	second: fc.constantFrom('0', '30', '*/15', '*/20'),
	minute: fc.oneof(fc.constantFrom('0', '15', '30', '45', '59', '*/5', '*/20', '0,30', '15-45/15', '*'), int(0, 59).map(String)),
	hour: fc.oneof({arbitrary: int(0, 3).map(String), weight: 3}, {arbitrary: fc.constantFrom('*', '*/6', '1-3', '9-17', '2,14', '0-23/4'), weight: 2}, {arbitrary: int(0, 23).map(String), weight: 1}),
	dom: fc.oneof({arbitrary: fc.constantFrom('*', '?'), weight: 4}, {arbitrary: fc.constantFrom('29', '30', '31', 'L', '1-7', '*/10', '29-31', '1,15', '31', '30'), weight: 3}, {arbitrary: int(1, 31).map(String), weight: 1}),
	month: fc.oneof({arbitrary: fc.constant('*'), weight: 4}, {arbitrary: fc.constantFrom('2', 'feb', 'jan', 'feb-apr', '*/3', '2,4,6', '4,6,9,11', 'dec', '12'), weight: 2}),
	dow: fc.oneof({arbitrary: fc.constantFrom('*', '?'), weight: 4}, {arbitrary: fc.constantFrom('1-5', 'mon-fri', 'sat,sun', '0', '7', '5#2', '1#1', '0#5', '*/2', 'fri', '1,3,5'), weight: 3}, {arbitrary: int(0, 6).map(String), weight: 1}),
};

const cronString = fc.record({six: fc.boolean(), ...cronFields}).map(f => {
	// `?` on both day fields would be the same as `*` twice; keep it to one of them, as it is meant.
	const dow = f.dom === '?' && f.dow === '?' ? '*' : f.dow;
	return `${f.six ? `${f.second} ` : ''}${f.minute} ${f.hour} ${f.dom} ${f.month} ${dow}`;
});

// ------------------------------------------------------------------ interval and date triggers

/** A start or run date near the batch start: sometimes in a DST gap or a repeated hour, sometimes with an offset. */
const nearDate = (from: number, zone: string) => fc.record({
	shift: fc.integer({min: -3 * day, max: 3 * day}),
	snap: fc.constantFrom('none', 'transition', 'half-hour'),
	offset: fc.boolean(),
	fraction: fc.boolean(),
	ms: int(1, 999),
}).map(({shift, snap, offset, fraction, ms}) => {
	const rules = zoneRules(zone);
	const t = rules.transitionsBetween(from - (2 * day), from + (4 * day))[0];
	const msPart = fraction ? ms : 0;
	let instant = Math.floor((from + shift) / 60_000) * 60_000;
	if (snap === 'half-hour') {
		instant = Math.floor(instant / (30 * 60_000)) * 30 * 60_000;
	}

	if (offset) {
		return `${iso(instant).replace('Z', '')}${fraction ? `.${pad(ms, 3)}000` : ''}+00:00`;
	}

	// At a change, a wall time 15 minutes into the gap or the repeated hour.
	const wall = snap === 'transition' && t ? t.at + Math.min(t.before, t.after) + (15 * 60_000) : instant + rules.offsetAt(instant);
	return wallText(wall + msPart, fraction);
});

const intervalOf = fc.constantFrom<Record<string, number>>({hours: 4}, {minutes: 90}, {days: 1}, {weeks: 1}, {seconds: 45}, {hours: 1, minutes: 30}, {days: 2, hours: 3}, {minutes: 5});

// ------------------------------------------------------------------ trading calendar cases

/** A base schedule and a window it can meet (a 16:30 job in trading hours never fires: a warning, not a case). */
const calendarBase = fc.oneof(
	fc.record({cron: fc.constantFrom('30 16 * * *', '0 9 * * *', '15 15 * * 1-5', '0 17 * * *', '0 * * * *'), window: fc.constant(undefined)}),
	fc.record({cron: fc.constantFrom('*/5 * * * *', '0 * * * *', '*/30 * * * *', '0,30 10,14 * * *'), window: fc.constantFrom(undefined, 'trading-hours', '10:00-11:00,14:00-15:00')}),
	fc.record({fields: fc.record({hour: int(8, 16), minute: fc.constantFrom(0, 30, '*/15')}), window: fc.constant(undefined)}),
	fc.record({fields: fc.record({minute: fc.constantFrom('*/10', '*/15', 0)}), window: fc.constantFrom(undefined, 'trading-hours', '10:00-11:00,14:00-15:00')}),
).map(({window, ...base}) => ({
	...('cron' in base ? {kind: 'cron' as const, cron: base.cron} : {kind: 'aps' as const, fields: base.fields as Record<string, string | number>}),
	...(window ? {window} : {}),
}));

/** One day filter: the calendar, or a first/last trading day of the month or week (positions imply trading days). */
const calendarFilters = fc.oneof(
	fc.constantFrom<Partial<OracleCase>>({calendar: 'trading-days'}, {calendar: 'non-trading-days'}),
	fc.constantFrom<Partial<OracleCase>>({calendar: 'trading-days', trading_day_of_month: 1}, {calendar: 'trading-days', trading_day_of_month: -1}),
	fc.constantFrom<Partial<OracleCase>>({calendar: 'trading-days', trading_day_of_week: 1}, {calendar: 'trading-days', trading_day_of_week: -1}),
);

// ------------------------------------------------------------------ batches

type CaseSeed = Omit<OracleCase, 'id'>;

function caseArbitrary(from: number, focus: string): fc.Arbitrary<CaseSeed> {
	const zone = fc.oneof({arbitrary: fc.constant(focus), weight: 3}, {arbitrary: fc.constantFrom(...zones), weight: 1});
	const y = new Date(from).getUTCFullYear();
	return fc.oneof(
		{arbitrary: fc.record({timezone: zone, fields: apsFields(y)}).map(c => ({...c, kind: 'aps' as const, tag: 'aps'})), weight: 9},
		{arbitrary: fc.record({timezone: zone, cron: cronString}).map(c => ({...c, kind: 'cron' as const, tag: 'cron'})), weight: 7},
		{arbitrary: zone.chain(timezone => fc.record({interval: intervalOf, start_date: nearDate(from, timezone)}).map(c => ({...c, timezone, kind: 'interval' as const, tag: 'interval'}))), weight: 2},
		{arbitrary: zone.chain(timezone => nearDate(from, timezone).map(run_date => ({run_date, timezone, kind: 'date' as const, tag: 'date'}))), weight: 1},
		{arbitrary: fc.record({timezone: fc.constantFrom('Asia/Shanghai', 'Asia/Shanghai', focus), base: calendarBase, filters: calendarFilters}).map(({timezone, base, filters}) => ({timezone, ...base, ...filters, tag: 'calendar'})), weight: 2},
	);
}

const batch = (size: number) => batchStart.chain(start => fc.record({
	count: fc.integer({min: 5, max: 9}),
	cases: fc.array(caseArbitrary(start.from, start.focus), {minLength: size, maxLength: size}),
}).map(({count, cases}) => ({from: iso(start.from), count, focus: `${start.tag} ${start.focus}`, cases: cases.map((c, i) => ({...c, id: `c${i}`}))})));

/** `total` generated cases, in batches of `size`, from a fixed seed (reproducible). */
export function generatedBatches(total: number, seed: number, size = 25): OracleBatch[] {
	return fc.sample(batch(size), {numRuns: Math.ceil(total / size), seed});
}

// ------------------------------------------------------------------ hand-picked (issue 24 and the old side-by-side list)

const picked = (from: string, count: number, focus: string, cases: CaseSeed[]): OracleBatch => ({from, count, focus, cases: cases.map((c, i) => ({...c, id: `h${i}`}))});
const aps = (timezone: string, fields: Record<string, string | number>, tag = 'aps'): CaseSeed => ({kind: 'aps', timezone, fields, tag});
const cron = (timezone: string, pattern: string, tag = 'cron'): CaseSeed => ({kind: 'cron', timezone, cron: pattern, tag});

export const handPickedBatches: OracleBatch[] = [
	picked('2026-11-20T02:00:00Z', 6, 'hand: APScheduler fields', [
		aps('Asia/Shanghai', {day_of_week: 'mon', hour: 9, minute: 0}),
		aps('Asia/Shanghai', {day_of_week: '0-4', hour: 16, minute: 30}),
		aps('Asia/Shanghai', {day_of_week: 'sat,sun', hour: 3}),
		aps('Asia/Shanghai', {day_of_week: '*/2', hour: 12}),
		aps('Asia/Shanghai', {hour: '9-11', minute: '*/20'}),
		aps('Asia/Shanghai', {minute: 15}),
		aps('Asia/Shanghai', {month: '3,6', day: 15}),
		aps('Asia/Shanghai', {day: 'last', hour: 18}),
		aps('Asia/Shanghai', {day: '2nd tue', hour: 8}),
		aps('Asia/Shanghai', {day: '1-7', day_of_week: 'fri', hour: 15}),
		aps('Asia/Shanghai', {week: '1,27', day_of_week: 'wed', hour: 10}),
		aps('Asia/Shanghai', {second: '*/15', minute: 0, hour: 0}),
		aps('Asia/Shanghai', {year: 2027, month: 1}),
		aps('Asia/Shanghai', {day: '2nd fri', day_of_week: 'fri', hour: 9}, 'ordinal+weekday'),
		aps('Asia/Shanghai', {day: '2nd fri', day_of_week: 'mon', hour: 9}, 'never'),
		aps('Asia/Shanghai', {month: 2, day: 31}, 'never'),
		aps('Asia/Shanghai', {month: 2, day: 30, hour: 1}, 'never'),
		aps('Asia/Shanghai', {year: 2020, hour: 9}, 'never'),
		aps('Asia/Shanghai', {week: 53, day_of_week: 'mon', hour: 9}, 'iso-week'),
		aps('Europe/London', {week: 53, month: 1, day: 1}, 'iso-week'),
		aps('UTC', {week: 53, month: 6}, 'never'),
		aps('UTC', {week: 1, month: 12, day: '29-31'}, 'iso-week'),
		aps('UTC', {week: '52,53', day_of_week: 'sun', hour: 23, minute: 59, second: 59}, 'iso-week'),
		aps('UTC', {day: 31, hour: 0}, 'day-31'),
		aps('UTC', {day: '29-31', month: 'feb', hour: 6}, 'leap'),
		aps('Asia/Shanghai', {month: 7, day: 1, hour: 12}, 'far-year'),
	]),
	picked('2026-03-07T12:00:00Z', 6, 'hand: New York spring forward', [
		aps('America/New_York', {hour: 2, minute: 30}, 'dst-gap'),
		aps('America/New_York', {hour: 2, minute: '*/20'}, 'dst-gap'),
		aps('America/New_York', {minute: '*/20'}, 'dst-gap'),
		cron('America/New_York', '30 2 * * *', 'dst-gap'),
		cron('America/New_York', '*/30 * * * *', 'dst-gap'),
		{kind: 'date', timezone: 'America/New_York', run_date: '2026-03-08 02:30:00', tag: 'dst-gap'},
		{kind: 'interval', timezone: 'America/New_York', interval: {hours: 1}, start_date: '2026-03-08 02:15:00', tag: 'dst-gap'},
	]),
	picked('2026-10-31T12:00:00Z', 8, 'hand: New York fall back', [
		aps('America/New_York', {hour: 1, minute: 30}, 'dst-overlap'),
		aps('America/New_York', {hour: 1, minute: '*/30'}, 'dst-overlap'),
		aps('America/New_York', {minute: '*/20'}, 'dst-overlap'),
		cron('America/New_York', '30 1 * * *', 'dst-overlap'),
		cron('America/New_York', '*/20 1 * * *', 'dst-overlap'),
		{kind: 'date', timezone: 'America/New_York', run_date: '2026-11-01 01:30:00', tag: 'dst-overlap'},
	]),
	picked('2026-04-04T00:00:00Z', 6, 'hand: Lord Howe and Chatham', [
		aps('Australia/Lord_Howe', {hour: 1, minute: '*/10'}, 'dst-half-hour'),
		aps('Australia/Lord_Howe', {hour: 1, minute: 45}, 'dst-half-hour'),
		cron('Australia/Lord_Howe', '15 2 * * *', 'dst-half-hour'),
		aps('Pacific/Chatham', {hour: 3, minute: '*/15'}, 'dst-chatham'),
		cron('Pacific/Chatham', '0 3 * * *', 'dst-chatham'),
	]),
	picked('2026-09-26T12:00:00Z', 6, 'hand: Lord Howe and Chatham spring', [
		aps('Pacific/Chatham', {hour: 2, minute: 50}, 'dst-chatham'),
		cron('Pacific/Chatham', '*/15 2-3 * * *', 'dst-chatham'),
		aps('Australia/Lord_Howe', {hour: 2, minute: 15}, 'dst-half-hour'),
	]),
	picked('2026-04-01T00:00:00Z', 6, 'hand: croner 10 bugs', [
		cron('UTC', '0 9 ? * 1', 'question-mark'),
		cron('Asia/Shanghai', '30 8 ? * 5', 'question-mark'),
		cron('UTC', '0 0 31 * *', 'day-31'),
		cron('UTC', '0 0 30 * *', 'day-30'),
		cron('UTC', '0 12 29 * *', 'day-29'),
		cron('UTC', '0 0 30 2 *', 'never'),
		cron('UTC', '0 0 L * *', 'last-day'),
		cron('UTC', '0 0 * * 5#2', 'nth-weekday'),
		cron('UTC', '0 0 1,15 * 1', 'dom-or-dow'),
		cron('UTC', '0 0 */2 * 1', 'dom-or-dow'),
	]),
	picked('1988-04-09T00:00:00Z', 6, 'hand: Shanghai had DST in 1986-1991', [
		aps('Asia/Shanghai', {hour: 2, minute: 30}, 'far-year'),
		cron('Asia/Shanghai', '0 9 * * *', 'far-year'),
		aps('Asia/Shanghai', {day: 1, hour: 12}, 'far-year'),
	]),
	picked('2150-03-01T00:00:00Z', 6, 'hand: far future', [
		aps('America/New_York', {day_of_week: 'sun', hour: 2, minute: 30}, 'far-year'),
		cron('Europe/London', '30 1 * * 0', 'far-year'),
		aps('Europe/London', {month: 10, day: 'last sun', hour: 1, minute: 30}, 'far-year'),
	]),
	picked('2026-09-30T09:00:00Z', 8, 'hand: trading calendar', [
		{kind: 'cron', timezone: 'Asia/Shanghai', cron: '30 16 * * *', calendar: 'trading-days', tag: 'calendar'},
		{kind: 'cron', timezone: 'Asia/Shanghai', cron: '*/5 * * * *', calendar: 'trading-days', window: 'trading-hours', tag: 'calendar'},
		{kind: 'cron', timezone: 'Asia/Shanghai', cron: '0 9 * * *', trading_day_of_month: 1, tag: 'calendar'},
		{kind: 'cron', timezone: 'Asia/Shanghai', cron: '0 15 * * *', trading_day_of_week: -1, tag: 'calendar'},
		{kind: 'aps', timezone: 'Asia/Shanghai', fields: {hour: 17}, calendar: 'non-trading-days', tag: 'calendar'},
	]),
	picked('2026-11-20T00:00:00Z', 3, 'hand: dates', [
		{kind: 'date', timezone: 'Asia/Shanghai', run_date: '2026-01-01 09:00:00', tag: 'never'},
		{kind: 'date', timezone: 'Asia/Shanghai', run_date: '2026-12-01T09:00:00', tag: 'date'},
		{kind: 'interval', timezone: 'Asia/Shanghai', interval: {seconds: 45}, start_date: '2026-11-20T08:00:00.250000+08:00', tag: 'milliseconds'},
	]),
];

// ------------------------------------------------------------------ start_date and end_date (APScheduler's bounds)

const bounded = (c: CaseSeed, start_date: string | undefined, end_date: string | undefined): CaseSeed => ({
	...c, ...(start_date ? {start_date} : {}), ...(end_date ? {end_date} : {}), tag: `bounds ${c.tag}`,
});
const every = (timezone: string, interval: Record<string, number>): CaseSeed => ({kind: 'interval', timezone, interval, tag: 'interval'});

/** Bounds on cron strings, APScheduler fields and intervals, across DST in New York and Shanghai (1988), and in Shanghai today. */
export const boundedHandPickedBatches: OracleBatch[] = [
	picked('2026-03-05T00:00:00Z', 8, 'hand: bounds, New York spring forward', [
		// Both ends inclusive: the first fire is the start itself, the last the end itself.
		bounded(aps('America/New_York', {hour: 9, minute: 30}), '2026-03-06 09:30:00', '2026-03-10 09:30:00'),
		bounded(cron('America/New_York', '30 9 * * *'), '2026-03-06 09:30:00', '2026-03-10 09:30:00'),
		bounded(aps('America/New_York', {hour: 2, minute: 30}), '2026-03-07 12:00:00', '2026-03-09 03:00:00'),
		bounded(aps('America/New_York', {minute: '*/30'}), '2026-03-08 01:10:00', '2026-03-08 03:40:00'),
		bounded(cron('America/New_York', '0 */6 * * *'), '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00'),
		// An end_date in the gap moves forward by the gap, as every wall time there does.
		bounded(aps('America/New_York', {minute: '*/15'}), '2026-03-08 01:00:00', '2026-03-08 02:30:00'),
		bounded(every('America/New_York', {hours: 5}), '2026-03-07 22:00:00', '2026-03-09 06:00:00'),
		bounded(every('America/New_York', {minutes: 45}), '2026-03-08 01:00:00', '2026-03-08 04:00:00'),
		bounded(aps('America/New_York', {hour: 9}), undefined, '2026-03-01 00:00:00'),
	]),
	picked('2026-10-31T00:00:00Z', 8, 'hand: bounds, New York fall back', [
		bounded(aps('America/New_York', {hour: 1, minute: 30}), '2026-10-30 00:00:00', '2026-11-03 01:30:00'),
		bounded(every('America/New_York', {hours: 1}), '2026-11-01 00:00:00', '2026-11-01 03:00:00'),
		bounded(cron('America/New_York', '*/20 * * * *'), '2026-11-01T01:00:00-05:00', '2026-11-01 02:20:00'),
		bounded(aps('America/New_York', {minute: 0}), undefined, '2026-11-01T01:30:00-05:00'),
		// An end_date in the repeated hour is its first occurrence (APScheduler 3: the second).
		bounded(every('America/New_York', {minutes: 30}), '2026-11-01 00:00:00', '2026-11-01 01:30:00'),
		bounded(aps('America/New_York', {day_of_week: 'sun', hour: 1, minute: '0,30'}), '2026-10-25 01:30:00', '2026-11-08 01:00:00'),
	]),
	picked('2026-11-20T00:00:00Z', 6, 'hand: bounds, Shanghai', [
		bounded(aps('Asia/Shanghai', {day_of_week: 'mon-fri', hour: 16, minute: 30}), '2026-11-23', '2026-11-27 16:30:00'),
		bounded(cron('Asia/Shanghai', '30 16 * * 1-5'), '2026-11-23', '2026-11-27 16:30:00'),
		bounded(every('Asia/Shanghai', {minutes: 5}), '2026-11-20 09:30:00', '2026-11-20 09:50:00'),
		// A start between whole seconds: the first fire is at or after it, so the next day's.
		bounded(aps('Asia/Shanghai', {hour: 9}), '2026-11-20 09:00:00.500000', undefined),
		bounded(aps('Asia/Shanghai', {month: 12, day: 31}), undefined, '2026-12-30 23:59:59'),
		bounded(aps('Asia/Shanghai', {hour: 9}), undefined, '2026-11-01'),
		bounded(cron('Asia/Shanghai', '0 9 * * *'), '2027-01-01', '2027-01-03 09:00:00'),
	]),
	picked('1988-04-09T00:00:00Z', 6, 'hand: bounds, Shanghai DST in 1988', [
		bounded(aps('Asia/Shanghai', {hour: 2, minute: 30}), '1988-04-09 12:00:00', '1988-04-12 02:30:00'),
		bounded(every('Asia/Shanghai', {hours: 2}), '1988-04-09 23:00:00', '1988-04-10 08:00:00'),
		bounded(cron('Asia/Shanghai', '0 9 * * *'), '1988-04-09 09:00:00', '1988-04-12 09:00:00'),
	]),
	picked('1988-09-10T00:00:00Z', 6, 'hand: bounds, Shanghai DST ends in 1988', [
		bounded(aps('Asia/Shanghai', {minute: '*/30'}), '1988-09-11 00:00:00', '1988-09-11 02:00:00'),
		bounded(every('Asia/Shanghai', {minutes: 40}), '1988-09-10T23:00:00+09:00', '1988-09-11T02:00:00+08:00'),
	]),
];

/** A case with a start_date and an end_date near the batch start, the end well after the start (else the config is refused). */
function boundedCaseArbitrary(from: number, focus: string): fc.Arbitrary<CaseSeed> {
	const y = new Date(from).getUTCFullYear();
	const base = fc.oneof(
		{arbitrary: fc.record({fields: apsFields(y)}).map(c => ({...c, kind: 'aps' as const, tag: 'aps'})), weight: 4},
		{arbitrary: fc.record({cron: cronString}).map(c => ({...c, kind: 'cron' as const, tag: 'cron'})), weight: 3},
		{arbitrary: fc.record({interval: intervalOf}).map(c => ({...c, kind: 'interval' as const, tag: 'interval'})), weight: 3},
	);
	// Offsets are within a day of UTC: text a day or more apart read as UTC is in the same order.
	const approx = (text: string) => Date.parse(`${text.slice(0, 19).replace(' ', 'T')}Z`);
	return fc.record({base, start: nearDate(from - day, focus), end: nearDate(from + (4 * day), focus), withStart: fc.boolean()})
		.filter(({start, end}) => approx(end) - approx(start) > 2 * day)
		.map(({base: c, start, end, withStart}) => bounded({...c, timezone: focus}, c.kind === 'interval' || withStart ? start : undefined, end));
}

const boundedBatch = (size: number) => dstFrom.chain(start => fc.record({
	count: fc.integer({min: 5, max: 9}),
	cases: fc.array(boundedCaseArbitrary(start.from, start.focus), {minLength: size, maxLength: size}),
}).map(({count, cases}) => ({from: iso(start.from), count, focus: `bounds ${start.tag} ${start.focus}`, cases: cases.map((c, i) => ({...c, id: `b${i}`}))})));

/** The hand-picked bound cases, then `total` generated ones at DST changes, in batches of `size`, from a fixed seed. */
export function boundedBatches(total: number, seed: number, size = 20): OracleBatch[] {
	return [...boundedHandPickedBatches, ...fc.sample(boundedBatch(size), {numRuns: Math.ceil(total / size), seed})];
}
