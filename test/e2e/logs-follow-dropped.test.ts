/**
 * A `sage-console logs N --follow` that stops reading (stopped with SIGSTOP, its output piped into a
 * stuck process) while another job floods the log: the scheduler drops it once 32 MB wait for it and
 * its log names it; resumed, the command says it was dropped for not reading and that the run goes on,
 * not that the scheduler went away. Built binaries, a real headless scheduler.
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
  - id: slow
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 300); do echo tick $i; sleep 0.2; done"]
  - id: chatty
    trigger: manual
    command: ["node", "-e", ${JSON.stringify(flood)}]
`;

const processState = (pid: number) => /^State:\s+(\S)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];

it('says a follower the scheduler dropped for not reading was dropped, and that the run goes on', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	expect(runCli(['run', 'slow', '--detach', '--root', root.dir]).code).toBe(0);
	const follower = startCli(['logs', '1', '--follow', '--root', root.dir]);
	processes.track(follower);
	await waitFor(() => follower.output().stdout.includes('tick 1'), slow, 'the follower to print the run\'s first line');
	const pid = follower.child.pid!;

	// Given the follower stopped, when another job floods the log
	follower.child.kill('SIGSTOP');
	await waitFor(() => processState(pid) === 'T', 10_000, 'the follower to stop');
	expect(runCli(['run', 'chatty', '--detach', '--root', root.dir]).code).toBe(0);

	// Then the scheduler's log names it
	const logFile = path.join(root.dir, 'logs', 'sage-console.log');
	const dropLines = () => readFileSync(logFile, 'utf8').split('\n').filter(line => line.includes('read nothing while'));
	const [dropped] = await waitFor(() => dropLines().length > 0 && dropLines(), slow, 'the drop in the scheduler\'s log');
	expect(JSON.parse(dropped!)).toMatchObject({level: 40, client: `cli logs (pid ${pid})`});

	// And resumed, it says why it ends, and that the run goes on
	follower.child.kill('SIGCONT');
	const code = await follower.exited;
	const {stderr} = follower.output();
	expect(stderr).toContain('sage-console: following run 1 ended: dropped by the scheduler: this client read nothing while 32 MB waited for it; the run goes on: follow it again with `sage-console logs 1 --follow`');
	expect(stderr).not.toContain('went away');
	expect(code).not.toBe(0);
	expect(runCli(['cancel', '1', '--root', root.dir]).code).toBe(0);
}, 4 * slow);
