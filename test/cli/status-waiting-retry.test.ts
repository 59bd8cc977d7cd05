/**
 * `status` names a job's next attempt waiting for its backoff: when, which attempt, after which run,
 * and how to drop it or run it now; `status --json` gives it as the job's `retry`. It said "nothing
 * running" and "no fire scheduled" of a job whose retry was minutes away, as if all had settled.
 * Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - id: flaky
    trigger: manual
    retries: 2
    retry_backoff: 10m
    command: ["sh", "-c", "exit 3"]
`;

type StatusJob = {id: string; retry?: {after: number; attempt: number; of: number; at: string}};

it('lists a retry waiting for its backoff, in text and JSON, until it is cancelled', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const flakyJson = () => (JSON.parse(cli('status', '--json').stdout) as {jobs: StatusJob[]}).jobs.find(job => job.id === 'flaky')!;

	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
	const retry = await waitFor(() => flakyJson().retry, 30_000, 'status --json to give flaky\'s waiting retry');
	expect(retry).toMatchObject({after: 1, attempt: 2, of: 3});
	expect(retry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);

	const text = cli('status').stdout;
	expect(text).toContain('nothing running');
	expect(text).toMatch(/RETRY AT +JOB +ATTEMPT +AFTER\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +flaky +attempt 2 of 3, in \d+m\d\ds +run 1 · cancel 1 drops it, retry 1 runs it now\n/);
	expect(text).toContain(retry.at.slice(0, 19).replace('T', ' '));

	expect(cli('cancel', '1').code).toBe(0);
	await waitFor(() => flakyJson().retry === undefined, 30_000, 'the cancelled retry to leave status --json');
	expect(cli('status').stdout).not.toContain('RETRY AT');
}, 90_000);
