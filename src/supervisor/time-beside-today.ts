/** An instant as a line written now gives it, in `timeZone`: `10:14:21` today, `12-06 10:14:21` on another day (the scheduler was down across midnight). */
import {formatZonedIso} from '../time/zoned-time.js';

export function timeBesideToday(at: number, now: number, timeZone: string): string {
	const text = formatZonedIso(at, timeZone);
	const time = text.slice(11, 19);
	return text.slice(0, 10) === formatZonedIso(now, timeZone).slice(0, 10) ? time : `${text.slice(5, 10)} ${time}`;
}
