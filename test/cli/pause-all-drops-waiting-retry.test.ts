/**
 * `pause --all` while a failed run's next attempt waits for its backoff drops that attempt, saying so
 * as `pause JOB` does (test/cli/pause-drops-waiting-retry.test.ts), and `status` no longer lists it: the
 * retry ran anyway, on a box the operator had paused whole, and a resume or a restart does not bring it back.
 * Built binaries, real headless schedulers, a real SQLite file.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {shortLeadFirst} from '../helpers/short-lead.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

// A backoff long enough that pause --all lands before it ends (each CLI call can take seconds on a loaded
// box, where 3 s let attempt 2 run before the pause in a slow poll), short enough to wait out: 3 s first,
// then 6 s and 15 s, each on a new root, when the pause came after it ended.
const jobsYaml = (backoffMs: number) => `jobs:
  - {id: flaky, trigger: manual, retries: 2, retry_backoff: ${backoffMs / 1000}s, command: ["sh", "-c", "exit 3"]}
  - {id: marker, trigger: manual, command: ["true"]}
`;

type Row = {id: number; job_id: string; status: string; attempt: number};
type StatusJob = {id: string; retry?: {after: number; attempt: number; of: number; at: string}};

it('drops the retries waiting for their backoff when the whole scheduler is paused', async () => {
	await shortLeadFirst([3000, 6000, 15_000], async backoffMs => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml(backoffMs)});
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		const history = () => (JSON.parse(cli('history', '--json').stdout) as Row[]).sort((a, b) => a.id - b.id);
		const flakyRetry = () => (JSON.parse(cli('status', '--json').stdout) as {jobs: StatusJob[]}).jobs.find(job => job.id === 'flaky')?.retry;
		const first = processes.start(root.dir);
		await schedulerStarted(first);

		expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
		const retry = await waitFor(() => flakyRetry(), 30_000, 'run 1 to fail and its retry to wait');
		const paused = cli('pause', '--all');
		if (Date.now() >= Date.parse(retry.at)) {
			processes.killAll();
			return false;
		}

		expect(paused.code).toBe(0);
		// The answer names each job's attempt it stopped.
		expect(paused.stdout).toContain('\n  attempt 2 of flaky after run 1 not run (it was waiting for its backoff; sage-console retry 1 asks for it)\n');
		await waitFor(() => first.output().stdout.includes('flaky: attempt 2 not run: the scheduler was paused while it waited for its backoff after run 1 (sage-console retry 1 asks for it)'), 30_000, 'the scheduler to say attempt 2 will not run');
		expect(flakyRetry()).toBeUndefined();
		expect(cli('status').stdout).not.toContain('RETRY AT');

		// Given: its backoff is over; resumed, and started again, the scheduler still does not run it.
		await waitFor(() => Date.now() > Date.parse(retry.at) + 1000, 30_000, 'the backoff to end');
		expect(cli('resume', '--all').code).toBe(0);
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);
		const second = processes.start(root.dir);
		await schedulerStarted(second);
		expect(cli('run', 'marker', '--detach').stdout.trim()).toBe('2');
		await waitFor(() => history().some(row => row.id === 2 && row.status === 'success'), 30_000, 'the marker run to succeed');
		expect(history().map(row => [row.id, row.job_id, row.status, row.attempt])).toEqual([[1, 'flaky', 'failed', 1], [2, 'marker', 'success', 1]]);
		return true;
	});
}, 150_000);
