import path from 'node:path';
import {zonedDate} from '../time/zoned-time.js';

/** The day in a run log's name: the day the run started, in the scheduler's time zone, as YYYYMMDD. */
export function runLogDay(at: number, timeZone: string): string {
	return zonedDate(at, timeZone).replaceAll('-', '');
}

/** `<jobLogs>/<YYYYMMDD>_<NNN>.log`: the day's runs numbered in the order they started. */
export function runLogPath(jobLogs: string, day: string, number: number): string {
	return path.join(jobLogs, `${day}_${String(number).padStart(3, '0')}.log`);
}
