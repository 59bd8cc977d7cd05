/**
 * `q`, then `w` (wait for the live runs, then quit) in a console that runs its own scheduler leaves a
 * screen that names the runs it waits for, with their progress: `waiting up to 30s (shutdown_grace) for
 * live runs to finish: run 1 long 42%, then they are cancelled…`. It said "live runs" alone, for up to
 * the whole grace, so the operator could not tell what the quit was waiting on. Ctrl-C then cancels them.
 * A real console in tmux, its scheduler's run a real process.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {binary, runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

/** Generous: several test files share 2 cores. */
const slow = 60_000;

describe.skipIf(!hasTmux)('quitting a console that waits for its live runs (tmux)', () => {
	it('names the runs it waits for, with their progress; Ctrl-C cancels them and the console exits', async () => {
		const root = makeTempRoot({'config/jobs.yaml': `shutdown_grace: 30s
jobs:
  - {id: long, trigger: manual, command: ["sh", "-c", "echo '::progress 0.42 halfway'; sleep 60"]}
`});
		onTestFinished(() => {
			root.remove();
		});
		const session = openTmuxSession('quit-wait', `cd ${root.dir} && ${binary}; echo "console exited $?"; sleep 60`, 200, 30);
		await session.see('Jobs (1)', slow);
		expect(runCli(['run', 'long', '--detach', '--root', root.dir]).stdout.trim()).toBe('1');
		await session.see('42%', slow);

		session.keys('q');
		await session.see('Quit?', slow);
		session.keys('w');
		await session.see('waiting up to 30s (shutdown_grace) for live runs to finish: run 1 long 42%, then they are cancelled… (Ctrl-C cancels them now)', slow);
		session.keys('C-c');
		await session.see('console exited 0', slow);
	}, 120_000);
});
