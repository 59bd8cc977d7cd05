import {beforeEach} from 'vitest';

/** The day (YYYY-MM-DD) in `zone` at `at`. */
export const dayIn = (zone: string, at: number) => new Intl.DateTimeFormat('en-CA', {timeZone: zone}).format(at);

/**
 * Waits, when a midnight in `zone` falls within the next `spanMs`, until 10 s past it: a test on the
 * real clock that counts "today" (runs, a deadline, a due fire) then runs within one day there, where
 * near midnight its first look and its last fell on two days and it failed.
 */
export async function sameDayAhead(zone: string, spanMs: number): Promise<void> {
	const now = Date.now();
	if (dayIn(zone, now) === dayIn(zone, now + spanMs)) {
		return;
	}

	// The zone's midnight: the first whole minute of the next day there.
	let midnight = Math.ceil(now / 60_000) * 60_000;
	while (dayIn(zone, midnight) === dayIn(zone, now)) {
		midnight += 60_000;
	}

	await new Promise(resolve => {
		setTimeout(resolve, midnight - now + 10_000);
	});
}

/** sameDayAhead before each test of the calling file (or describe), with the time that wait may take. */
export function sameDayEach(zone: string, spanMs: number): void {
	beforeEach(async () => sameDayAhead(zone, spanMs), spanMs + 30_000);
}
