import type {ServiceWindow} from '../supervisor/service-definition.js';
import {didYouMean} from './did-you-mean.js';
import {parseWindows} from './job-window.js';
import type {MapReader} from './map-reader.js';

/** The trading session: the opening auction at 09:15 to the close at 15:00 (lunch included), Shanghai time. */
const session = {startMs: ((9 * 60) + 15) * 60_000, endMs: 15 * 3_600_000, timezone: 'Asia/Shanghai'};
const dayMs = 86_400_000;

/** `window: always` (the default), `trading-session` (with `lead`/`lag`), or times such as "08:00-20:00" (with `calendar`). */
export function readServiceWindow(reader: MapReader, timezone: string): ServiceWindow | undefined {
	const value = reader.value('window') ?? 'always';
	const calendar = reader.oneOf('calendar', ['trading-days'] as const);
	for (const key of ['lead', 'lag'] as const) {
		if (reader.has(key) && value !== 'trading-session') {
			reader.reportKey(key, `${key} applies to window: trading-session only`);
		}
	}

	if (value === 'always') {
		if (calendar) {
			reader.reportKey('calendar', 'calendar needs a window with times (trading-session, or times such as "08:00-20:00")');
		}

		return {kind: 'always'};
	}

	if (value === 'trading-session') {
		const lead = reader.duration('lead', {allowZero: true}) ?? 0;
		const lag = reader.duration('lag', {allowZero: true}) ?? 0;
		const startMs = session.startMs - lead;
		const endMs = session.endMs + lag;
		if (startMs < 0 || endMs > dayMs) {
			reader.report(startMs < 0 ? 'lead' : 'lag', 'lead and lag must keep the window inside the day (a window never crosses midnight)');
			return undefined;
		}

		return {kind: 'daily', ranges: [{startMs, endMs}], timezone: session.timezone, tradingDaysOnly: true, text: 'trading-session'};
	}

	if (typeof value === 'string' && !/\d/.test(value)) {
		const suggestion = didYouMean(value, ['always', 'trading-session']);
		reader.report('window', `window must be always, trading-session, or times such as "08:00-20:00", not "${value}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
		return undefined;
	}

	const ranges = parseWindows(value);
	if (typeof ranges === 'string') {
		reader.report('window', `${ranges.replace('or use trading-hours', 'or use always, trading-session')}`);
		return undefined;
	}

	return {
		kind: 'daily',
		ranges: ranges.map(range => ({startMs: range.startMinute * 60_000, endMs: range.endMinute * 60_000})),
		timezone,
		tradingDaysOnly: calendar === 'trading-days',
		text: Array.isArray(value) ? value.join(',') : String(value),
	};
}
