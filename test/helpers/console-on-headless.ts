import {binary, schedulerStarted, type HeadlessProcesses, type startCli} from './run-cli.js';
import {attachedHeader} from './attached-header.js';
import {openTmuxSession, type TmuxSession} from './tmux.js';

export type ConsoleOnHeadless = {
	/** The headless scheduler, started by `processes` (killed after the test). */
	scheduler: ReturnType<typeof startCli>;
	pid: number;
	/** The console's terminal, killed when the test ends. */
	session: TmuxSession;
};

/**
 * A built `sage-console --headless` started on `root`, and the built console attached to it in a tmux
 * session `name` (120×40 unless `size` says): returned once the console's header names its pid (`attached to pid N`, or `pid N` when crowded). The pane runs
 * `then` after the console exits (default `sleep 120`, so the last screen stays readable).
 */
export async function consoleOnHeadless(processes: HeadlessProcesses, root: string, name: string, options: {timeoutMs: number; then?: string; size?: {columns: number; rows: number}}): Promise<ConsoleOnHeadless> {
	const scheduler = processes.start(root);
	await schedulerStarted(scheduler);
	const pid = scheduler.child.pid!;
	const session = openTmuxSession(name, `${binary} --root ${root}; ${options.then ?? 'sleep 120'}`, options.size?.columns ?? 120, options.size?.rows ?? 40);
	await session.see(attachedHeader(pid), options.timeoutMs);
	return {scheduler, pid, session};
}
