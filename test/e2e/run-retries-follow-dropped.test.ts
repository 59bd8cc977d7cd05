/**
 * A `sage-console run JOB` following a job's retries that stops reading (stopped with SIGSTOP, its output
 * piped into a stuck process) while the next attempt waits for its backoff and another job floods the
 * log: the scheduler drops it once 32 MB wait for it; resumed, the command says it was dropped for not
 * reading, that the attempt still comes, and how to follow it again, not that the scheduler went away.
 * Built binaries, a real headless scheduler.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;

/** 40,000 lines of 1.2 KB (48 MB), in batches the scheduler passes on whole. */
const flood = String.raw`const line = 'x'.repeat(1200); let batch = 0; const next = () => { let text = ''; for (let i = 0; i < 200; i++) text += 'flood ' + (batch * 200 + i) + ' ' + line + '\n'; process.stdout.write(text, () => { if (++batch < 200) setTimeout(next, 20); }); }; next();`;

const jobsYaml = `shutdown: cancel
jobs:
  - id: flaky
    trigger: manual
    retries: 1
    retry_backoff: 5m
    command: ["sh", "-c", "echo trying; exit 3"]
  - id: chatty
    trigger: manual
    command: ["node", "-e", ${JSON.stringify(flood)}]
`;

const processState = (pid: number) => /^State:\s+(\S)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];

it('says a run JOB the scheduler dropped for not reading while a retry waited was dropped, that the retry comes, and how to follow it', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const follower = startCli(['run', 'flaky', '--root', root.dir]);
	processes.track(follower);
	await waitFor(() => follower.output().stdout.includes('flaky: attempt 1 failed'), slow, 'the first attempt to fail and the retry to be announced');
	expect(follower.output().stdout).toMatch(/retrying in [45]m\d\ds \(attempt 2 of 2\)/);
	const pid = follower.child.pid!;

	// Given the follower stopped while attempt 2 waits for its backoff, when another job floods the log
	follower.child.kill('SIGSTOP');
	await waitFor(() => processState(pid) === 'T', 10_000, 'the follower to stop');
	expect(runCli(['run', 'chatty', '--detach', '--root', root.dir]).code).toBe(0);

	// Then the scheduler's log names it
	const logFile = path.join(root.dir, 'logs', 'sage-console.log');
	const dropLines = () => readFileSync(logFile, 'utf8').split('\n').filter(line => line.includes('read nothing while'));
	const [dropped] = await waitFor(() => dropLines().length > 0 && dropLines(), slow, 'the drop in the scheduler\'s log');
	expect(JSON.parse(dropped!)).toMatchObject({level: 40, client: `cli run (pid ${pid})`});

	// And resumed, it says why it ends, that attempt 2 still comes, and how to follow it
	follower.child.kill('SIGCONT');
	const code = await follower.exited;
	const {stderr} = follower.output();
	expect(stderr).toContain('sage-console: following flaky\'s retries ended: dropped by the scheduler: this client read nothing while 32 MB waited for it; attempt 2 goes on: find its run with `sage-console history --job flaky` and follow it again with `sage-console logs RUN_ID --follow`');
	expect(stderr).not.toContain('went away');
	expect(code).not.toBe(0);
}, 4 * slow);
