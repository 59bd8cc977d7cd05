/**
 * Signals to the interactive console, in a real terminal: the same graceful stop as --headless (live
 * runs cancelled or waited for, as `shutdown` says), recorded truthfully, and the terminal restored.
 */
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {binary, runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {testJobs} from '../helpers/temp-root.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';

const roots = trackHeadlessProcesses();

function consolePid(session: TmuxSession): number {
	const pane = Number(session.format('#{pane_pid}'));
	const children = execFileSync('pgrep', ['-P', String(pane)], {encoding: 'utf8'}).trim().split('\n').map(Number);
	return children.find(pid => pid > 0) ?? pane;
}

describe.skipIf(!hasTmux)('signals to the console', () => {
	for (const [mode, signal, expected] of [['cancel', 'SIGTERM', 'cancelled'], ['wait', 'SIGHUP', 'success']] as const) {
		it(`shutdown: ${mode} on ${signal}: the live run ends ${expected}, the terminal is restored`, async () => {
			const root = roots.makeRoot({...testJobs, 'config/jobs.yaml': `shutdown: ${mode}\njobs:\n  - {id: slow, trigger: manual, module: jobs/sleep.ts, params: {ms: 4000}}\n`});
			// The shell stays after the console exits, so the pane can be read.
			const session = new TmuxSession('signals', `sh -c '${binary} --root ${root.dir}; echo console-exited-$?; sleep 60'`, 120, 40);
			try {
				await waitFor(() => session.screen().includes('slow'), 20_000, 'the console to draw');
				expect(session.format('#{alternate_on}')).toBe('1');
				expect(runCli(['run', 'slow', '--detach', '--root', root.dir]).code).toBe(0);
				await waitFor(() => readRuns(root.dir).some(row => row.status === 'running'), 20_000, 'the run to start');
				process.kill(consolePid(session), signal);
				await waitFor(() => session.screen().includes('console-exited-0'), 20_000, 'the console to exit cleanly');
				expect(session.format('#{alternate_on}')).toBe('0');
				expect(readRuns(root.dir).map(row => row.status)).toEqual([expected]);
			} finally {
				session.kill();
			}
		});
	}
});
