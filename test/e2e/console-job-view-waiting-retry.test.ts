/**
 * A job's view in the console names its next attempt waiting for its backoff: "retry  attempt 2 of 2 at
 * 13:54:45 (in 9m59s) · after run 1 · sage-console cancel 1 drops it". It said only "next  no schedule
 * of its own", as if nothing more would run. The built console in tmux.
 */
import {describe, it, onTestFinished} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const slow = 60_000;

const files = {
	'config/jobs.yaml': 'jobs:\n  - {id: flaky, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}\n',
};

describe.skipIf(!hasTmux)('a job\'s view with a retry waiting (tmux, 120×30)', () => {
	it('names the attempt, when, after which run and how to drop it', async () => {
		const root = makeTempRoot(files);
		onTestFinished(() => {
			root.remove();
		});
		const s = openTmuxSession('job-view-retry', `${binary} --root ${root.dir}; sleep 60`, 120, 30);
		await s.see('Jobs (1)', slow);
		s.keys('r');
		await s.see('flaky: attempt 2 of 2 in 600 s', slow);
		s.keys('Enter');
		await s.see(/retry +attempt 2 of 2 at \d\d:\d\d:\d\d \(in [^)]+\) · after run 1 · sage-console cancel 1 drops it/, slow);
		s.keys('Escape', 'q');
	}, 3 * slow);
});
