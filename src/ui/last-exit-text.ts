import type {ServiceView} from '../protocol/snapshot.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import {dayNumberOf} from './log-days.js';
import {momentText} from './moment-text.js';

/**
 * When and how a service last ended, as the console's services row, its service view and `status` word
 * it: `10:14:21 exit 1`, `10:14:21 SIGKILL`, a stop the scheduler asked for by what for
 * (`15:05:02 stopped (window-end)`, `10:14:21 stopped (memory)`: the signal it was sent says nothing of
 * the service), of another day `12-07 10:14:21 exit 1` (moment-text.ts); '' when it has not ended yet.
 */
export function lastExitText(service: ServiceView, now: number, zone = exchangeTimeZone): string {
	const exit = service.lastExit;
	if (!exit) {
		return '';
	}

	const how = exit.stop === undefined ? exit.signal ?? (exit.exitCode === undefined ? exit.status : `exit ${exit.exitCode}`) : `stopped (${exit.stop})`;
	return `${momentText(exit.at, dayNumberOf(now, zone), zone)} ${how}`;
}
