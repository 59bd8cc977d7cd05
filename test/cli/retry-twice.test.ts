/**
 * `sage-console retry RUN` twice against a real headless scheduler: the second, while the first retry
 * still runs, says which run already retries it and exits non-zero, and no second attempt is made.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

it('a second retry of a cancelled run while its retry runs is refused, naming the retry', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: slow, trigger: manual, command: ["sleep", "30"]}\n'});
	await schedulerStarted(processes.start(root.dir));
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const started = cli('run', 'slow', '--detach');
	expect(started.code).toBe(0);
	const runId = /\d+/.exec(started.stdout)![0];
	expect(cli('cancel', runId).code).toBe(0);
	await expect.poll(() => cli('show', runId).stdout, {timeout: 15_000}).toMatch(/cancelled/);

	const first = cli('retry', runId);
	expect(first.stdout).toMatch(/^retrying as run (\d+) \(slow, attempt 2\)\n$/);
	const retryId = /run (\d+)/.exec(first.stdout)![1];
	const second = cli('retry', runId);
	expect(second.stdout).toBe('');
	expect(second.stderr).toMatch(new RegExp(`^not retried: run ${runId} is already being retried as run ${retryId} \\((queued|running)\\)\\n$`));
	expect(second.code).not.toBe(0);
	expect(cli('cancel', retryId!).code).toBe(0);
}, 60_000);
