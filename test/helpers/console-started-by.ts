import type {TmuxSession} from './tmux.js';

/**
 * Whether the console's own scheduler started by `latest` (HH:MM:SS, in that same minute) on its clock,
 * as its log tail's `scheduler started with N jobs` line tells it.
 */
export async function consoleSchedulerStartedBy(s: TmuxSession, latest: string, timeoutMs = 60_000): Promise<boolean> {
	const screen = await s.see(/\d\d:\d\d:\d\d scheduler +scheduler started with \d+ jobs?/, timeoutMs);
	const at = /(\d\d:\d\d:\d\d) scheduler +scheduler started with/.exec(screen)![1]!;
	return at.slice(0, 5) === latest.slice(0, 5) && at <= latest;
}

/**
 * A console whose clock libfaketime sets seconds before a fire it must see: `open(start)` opens one (on a
 * new root) with its clock at `start`, the first of `starts` first, so the test waits seconds; a loaded box
 * may take longer than that to start the console's scheduler, so when it started after `latest` (too late
 * for the fire) that one is closed and the next start, earlier, is tried.
 */
export async function consoleStartedInTime(starts: readonly string[], latest: string, open: (start: string) => TmuxSession, timeoutMs = 60_000): Promise<TmuxSession> {
	for (const start of starts) {
		const s = open(start);
		if (await consoleSchedulerStartedBy(s, latest, timeoutMs)) {
			return s;
		}

		s.kill();
	}

	throw new Error(`the console's scheduler started after ${latest} from every start (${starts.join(', ')})`);
}
