import type {ServiceView} from '../protocol/snapshot.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import {dayNumberOf} from './log-days.js';
import {momentText} from './moment-text.js';

/**
 * When and how a service last ended, as the console's services row, its service view and `status` word
 * it: `10:14:21 exit 1`, `10:14:21 SIGKILL`, of another day `12-07 10:14:21 exit 1` (moment-text.ts);
 * '' when it has not ended yet.
 */
export function lastExitText(service: ServiceView, now: number, zone = exchangeTimeZone): string {
	const exit = service.lastExit;
	if (!exit) {
		return '';
	}

	const how = exit.signal ?? (exit.exitCode === undefined ? exit.status : `exit ${exit.exitCode}`);
	return `${momentText(exit.at, dayNumberOf(now, zone), zone)} ${how}`;
}
