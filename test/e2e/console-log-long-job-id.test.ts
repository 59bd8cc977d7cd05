/**
 * At 80 columns the log panel's row about a run of a job with a long id reads its outcome: the id inside
 * the message gives way (`■ long_running_backt… succeeded (run 1, 2ms)`), where the row was cut inside the
 * id (`■ long_running_backtest_with_a_really_long_i…`), a success, a cancel and a failure alike. The
 * built console in tmux.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const slow = 60_000;
const longId = 'long_running_backtest_with_a_really_long_identifier_name';

const files = {
	'config/jobs.yaml': `jobs:
  - {id: ${longId}, trigger: manual, command: ["sh", "-c", "echo backtest done"]}
  - {id: ${longId}_2, trigger: manual, command: ["sh", "-c", "echo 'feed down' >&2; exit 1"]}
`,
};

/** The log panel's rows (clock, job column, message), as the screen shows them. */
const logRows = (screen: string) => screen.split('\n').filter(row => /^[ ›]\d\d:\d\d:\d\d /.test(row));

describe.skipIf(!hasTmux)('the log panel at 80 columns, a job with a long id (tmux, 80×24)', () => {
	it('shows how each run ended, the id inside the message shortened', async () => {
		const root = makeTempRoot(files);
		onTestFinished(() => {
			root.remove();
		});
		const s = openTmuxSession('log-long-id', `${binary} --root ${root.dir}; sleep 60`, 80, 24);
		await s.see('Jobs (2)', slow);
		s.keys('r');
		// The row of run 1's end: shortened or cut, whichever this console does.
		const ran = await s.see(/■ long_running_backtest_with_a_really_long_i…|■ long_running\S*… succeeded/, slow);
		expect(logRows(ran).join('\n')).toMatch(/■ long_running\S*… succeeded \(run 1, (\d+ms|\d+\.\ds)\)/);

		s.keys('j', 'r');
		const failed = await s.see(/✗ long_running_backtest_with_a_really_long_i…|✗ long_runnin… failed/, slow);
		expect(logRows(failed).join('\n')).toMatch(/✗ long_runnin… failed: ExitCode: sh exited/);
		s.keys('q');
	}, 3 * slow);
});
