/**
 * A console attached to a scheduler started again (SIGTERM, then a new `--headless`) while a failed
 * run's next attempt waited for its backoff shows that attempt in the job's view as before the restart:
 * the same attempt, due at the same time, after the same run. It showed nothing more to come, the
 * attempt having been lost with the scheduler. Built binaries, the console in tmux.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;

const jobsYaml = 'jobs:\n  - {id: flaky, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}\n';

type StatusJob = {id: string; retry?: {after: number; attempt: number; of: number; at: string}};

describe.skipIf(!hasTmux)('a job\'s view after a restart with a retry waiting (tmux, 120×30)', () => {
	it('names the attempt kept across the restart, when and after which run', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
		const retry = await waitFor(() => (JSON.parse(cli('status', '--json').stdout) as {jobs: StatusJob[]}).jobs[0]?.retry, slow, 'run 1 to fail and its retry to wait');
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);

		const second = processes.start(root.dir);
		await schedulerStarted(second);
		const s = openTmuxSession('job-view-retry-restart', `${binary} --root ${root.dir}; sleep 60`, 120, 30);
		await s.see(attachedHeader(second.child.pid), slow);
		s.keys('Enter');
		const at = retry.at.slice(11, 19);
		await s.see(new RegExp(`retry +attempt 2 of 2 at ${at} \\(in [^)]+\\) · after run 1 · sage-console cancel 1 drops it`), slow);
		s.keys('Escape', 'q');
	}, 4 * slow);
});
