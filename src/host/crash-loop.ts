/**
 * A crash loop's alerts: a scheduler that dies at every start (systemd's `Restart=always` starting a
 * `--headless` that crashes at once, a console whose thread crashes on) would send a `was down` alert
 * per start, each looking like the first. The deaths in the last `crashWindowMinutes` are counted,
 * and while they are many the alerts are spaced, never stopped.
 */
import {crashWindowMs, restartsPerWindow} from './scheduler-crash-window.js';
import type {RecentDeaths} from '../store/scheduler-life-store.js';

/**
 * Each of the first deaths within the window is told, as many as a console restarts its crashed
 * thread (so a console's loop, which gives up after those, is told whole); after them, one alert per
 * window at most, counting the deaths held back since the one before.
 */
export const toldEachUpTo = restartsPerWindow;

/** Lives last alive longer ago than this are deleted at a start (a held alert waits one window at most). */
export const keepLivesMs = 60 * 60_000;

/** What a start that found the scheduler before it dead does about it. */
export type CrashLoopAlert = {
	/** Deaths in the last window, the one this start found included (1: no loop). */
	deaths: number;
	/** Deaths told by this alert: the one before this start and those held back since the last alert. */
	told: number;
	/** The alert before this one (the deaths told are counted since then). */
	lastToldAt?: number;
	/** Sent now; else held until `heldUntil`, when the scheduler still alive sends it (or the next start does). */
	send: boolean;
	heldUntil?: number;
};

/**
 * Whether the start at `now` alerts about the scheduler before it, from the lives before it (read in
 * the transaction that adds this start's): `previousAliveAt` is when the one that died was last alive.
 */
export function crashLoopAlert(deaths: RecentDeaths, previousAliveAt: number, now: number): CrashLoopAlert {
	// The one before counts even when it was last alive before the window (a box off for the night).
	const count = Math.max(1, deaths.inWindow + (previousAliveAt < now - crashWindowMs ? 1 : 0));
	const told = Math.max(1, deaths.untold);
	const recentAlert = deaths.lastToldAt !== undefined && deaths.lastToldAt > now - crashWindowMs ? deaths.lastToldAt : undefined;
	if (count <= toldEachUpTo || recentAlert === undefined) {
		return {deaths: count, told, lastToldAt: deaths.lastToldAt, send: true};
	}

	return {deaths: count, told, lastToldAt: recentAlert, send: false, heldUntil: recentAlert + crashWindowMs};
}
