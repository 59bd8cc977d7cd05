/**
 * `show RUN_ID` says, while a scheduler runs, why a queued run waits and when a failed run's next
 * attempt, waiting for its backoff, is due (text and `--json`), as `status` does. It showed a queued run
 * with no start and a failed run as if all had ended, and the operator had to look in `status` for why.
 * Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `timezone: Asia/Shanghai
queues: {data: 1}
jobs:
  - {id: bars, trigger: manual, queue: data, command: ["sh", "-c", "while [ ! -f go ]; do sleep 0.2; done"]}
  - {id: quotes, trigger: manual, queue: data, command: ["true"]}
  - {id: flaky, trigger: manual, retries: 2, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}
`;

type Shown = {id: number; status: string; waiting_for?: string; next_attempt?: {attempt: number; at: string | null}};

it('names why a queued run waits and when a failed run\'s retry is due, in text and JSON', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const shown = (runId: number) => JSON.parse(cli('show', String(runId), '--json').stdout) as Shown;

	expect(cli('run', 'bars', '--detach').stdout.trim()).toBe('1');
	expect(cli('run', 'quotes', '--detach').stdout.trim()).toBe('2');
	const queued = await waitFor(() => shown(2).waiting_for && shown(2), 30_000, 'run 2 to wait for queue data');
	expect(queued).toMatchObject({status: 'queued', waiting_for: 'waits for queue data: 1 of its limit 1 running (run 1 bars)'});
	expect(cli('show', '2').stdout).toMatch(/^run 2 {2}quotes {2}QUEUED\nqueued {6}waits for queue data: 1 of its limit 1 running \(run 1 bars\)\n/);

	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('3');
	const failed = await waitFor(() => shown(3).next_attempt && shown(3), 30_000, 'run 3 to fail with its retry waiting');
	expect(failed).toMatchObject({status: 'failed', next_attempt: {attempt: 2}});
	expect(failed.next_attempt!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
	const text = cli('show', '3').stdout;
	expect(text).toMatch(/^run 3 {2}flaky {2}FAILED\nretry {7}attempt 2 at \d\d-\d\d \d\d:\d\d:\d\d \(in \d+m(\d+s)?\), waiting for its backoff: sage-console cancel 3 drops it, retry 3 runs it now\n/);
	// As show's other times: the scheduler's day and time.
	expect(text).toContain(`at ${failed.next_attempt!.at!.slice(5, 19).replace('T', ' ')} `);

	// Dropped: nothing more to say of it.
	expect(cli('cancel', '3').code).toBe(0);
	await waitFor(() => shown(3).next_attempt === undefined, 30_000, 'the dropped retry to leave show');
	expect(cli('show', '3').stdout).not.toContain('retry ');
	root.write('go', '');
}, 90_000);
