import type {TmuxSession} from './tmux.js';

/**
 * Quits a console that runs its own scheduler with q, and waits for the pane's `console exited 0`.
 * With an every-second job, q may land while one of its runs is live: the console then asks first,
 * and `c` (cancel them and quit) answers. Returns the screen showing the exit.
 */
export async function quitOwnConsole(session: TmuxSession, timeoutMs: number): Promise<string> {
	session.keys('q');
	const screen = await session.see(/console exited 0|Quit\?/, timeoutMs);
	if (screen.includes('console exited 0')) {
		return screen;
	}

	session.keys('c');
	return session.see('console exited 0', timeoutMs);
}
