/**
 * `c` in the detail of a failed run (Enter on the Failures panel's row) whose retry waits for its
 * backoff drops that retry, as `sage-console cancel RUN` does; it said "run 1 has ended (failed):
 * nothing to cancel", and the retry ran. The built console in tmux.
 */
import {describe, it, onTestFinished} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const slow = 60_000;

const files = {
	'config/jobs.yaml': 'jobs:\n  - {id: flaky, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}\n',
};

describe.skipIf(!hasTmux)('c in a failed run\'s detail (tmux, 100×30)', () => {
	it('drops the retry waiting for its backoff', async () => {
		const root = makeTempRoot(files);
		onTestFinished(() => {
			root.remove();
		});
		const s = openTmuxSession('detail-cancel-retry', `${binary} --root ${root.dir}; sleep 60`, 100, 30);
		await s.see('Jobs (1)', slow);
		s.keys('r');
		await s.see('flaky: attempt 2 of 2 in 600 s', slow);
		await s.see('Failures today (1)', slow);

		s.keys('f', 'Enter');
		await s.see('status     failed', slow);
		s.keys('c');
		await s.see('flaky: attempt 2 will not run (it waited for its backoff after run 1)', slow);
		// Back on the panels, the log tail says so.
		s.keys('Escape');
		await s.see('flaky: attempt 2 not run: cancelled while it waited', slow);
		s.keys('q');
	}, 3 * slow);
});
