/**
 * `show RUN_ID` of a failed run while the scheduler is stopped (a console suspended with Ctrl-Z in its
 * tmux pane, a SIGSTOP): it shows the run from history, and says on stderr that the scheduler did not
 * answer, so what only it knows (the next attempt's time) is missing. It asked the scheduler and waited
 * for ever: the connection is accepted by the kernel, and the stopped process never answers. Built
 * binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - {id: flaky, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}
`;

it('shows a failed run from history while the scheduler is stopped, saying it did not answer', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir], {timeoutMs: 20_000});
	expect(cli('run', 'flaky', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => cli('show', '1').stdout.includes('retry       attempt 2 at ') || undefined, 30_000, 'run 1 to fail with its retry waiting');

	// When: the scheduler's process is stopped.
	headless.child.kill('SIGSTOP');
	try {
		const shown = cli('show', '1');
		expect(shown.code).toBe(0);
		expect(shown.stdout).toMatch(/^run 1 {2}flaky {2}FAILED\ntrigger {5}manual \(attempt 1\)\n/);
		expect(shown.stderr.trim()).toBe('sage-console: the scheduler did not answer within 2 s (stopped or hung?): run 1 is shown from history alone, without why it waits or when its next attempt is due');
	} finally {
		headless.child.kill('SIGCONT');
	}
}, 90_000);
