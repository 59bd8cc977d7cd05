/**
 * A positive sign that time went by for a console, read as a person reads it: the clock in its header
 * (HH:MM:SS, the first row) showing a later second. A test that checks "nothing happened meanwhile"
 * waits for this instead of a fixed pause: a console slowed down by a loaded box draws its clock late,
 * and the wait stretches with it.
 */
import type {TmuxSession} from './tmux.js';
import {waitFor} from './wait-for.js';

const day = 24 * 60 * 60;

/** The header clock in seconds of the day; undefined while no clock is drawn. */
function headerClock(session: TmuxSession): number | undefined {
	const match = /\b(\d\d):(\d\d):(\d\d)\b/.exec(session.rows()[0] ?? '');
	return match ? (Number(match[1]) * 3600) + (Number(match[2]) * 60) + Number(match[3]) : undefined;
}

/** Waits until the console's header clock shows `seconds` or more after what it shows now (across midnight too). */
export async function consoleClockPasses(session: TmuxSession, seconds: number, timeoutMs: number): Promise<void> {
	const from = await waitFor(() => headerClock(session), timeoutMs, 'the console\'s header clock');
	await waitFor(() => {
		const now = headerClock(session);
		return now !== undefined && (now - from + day) % day >= seconds;
	}, timeoutMs, `the console's header clock to show ${seconds} s later`);
}
