/**
 * A client whose connection closed without a word asks whether the same scheduler still answers: yes,
 * it was cut off for not reading, and the run it followed goes on. "The same" is not "the same pid":
 * a console's scheduler thread that crashed and was started again lives in the same process, and the
 * run followed was closed `interrupted` by that start. `logs --follow` must not say it was dropped by a
 * scheduler that still runs, even when it learns of the close only after the new one answers (it was
 * stopped meanwhile). The real binary, its scheduler thread made to throw by a preloaded test
 * fixture (test/fixtures/scheduler-fault.cjs), started again after 50 ms (SAGE_CONSOLE_RESTART_DELAYS_MS).
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {processState} from '../helpers/published-events.js';
import {binary, runCli, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const fault = fileURLToPath(new URL('../fixtures/scheduler-fault.cjs', import.meta.url));
const slow = 60_000;

const jobsYaml = `shutdown: cancel
jobs:
  - id: long
    trigger: manual
    command: ["sh", "-c", "echo begun; sleep 300"]
`;

describe.skipIf(!hasTmux)('a console\'s scheduler thread started again under a `logs --follow` (tmux)', () => {
	it('is told as the scheduler going away, not as a drop by one that still runs', async () => {
		// Given a console running its own scheduler, and `logs --follow` on a long run of it
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const trigger = path.join(root.dir, 'fault-now');
		const s = openTmuxSession('same-pid', `FAULT_TRIGGER_FILE=${trigger} NODE_OPTIONS=--require=${fault} SAGE_CONSOLE_RESTART_DELAYS_MS=50 ${binary} --root ${root.dir}; sleep 120`, 130, 40);
		await s.see('long', slow);
		expect(runCli(['run', 'long', '--detach', '--root', root.dir]).code).toBe(0);
		const follower = startCli(['logs', '1', '--follow', '--root', root.dir]);
		processes.track(follower);
		await waitFor(() => follower.output().stdout.includes('begun'), slow, 'the follower to print the run\'s first line');

		// When, while the follower is stopped (Ctrl-Z), the scheduler thread throws and the console starts
		// a new one in the same process, and the follower is resumed once that one answers
		const pid = follower.child.pid!;
		process.kill(pid, 'SIGSTOP');
		await waitFor(() => processState(pid) === 'T', 10_000, 'the follower to stop');
		writeFileSync(trigger, '');
		await waitFor(() => readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8').includes('scheduler thread started again after its crash'), slow, 'the scheduler thread to start again');
		await waitFor(() => runCli(['status', '--root', root.dir]).code === 0, slow, 'the new scheduler thread to answer');
		process.kill(pid, 'SIGCONT');

		// Then the follower says the scheduler went away, and not that it was cut off by one that runs on
		expect(await follower.exited).not.toBe(0);
		const {stderr} = follower.output();
		expect(stderr).toContain('the scheduler went away while following run 1');
		expect(stderr).not.toContain('dropped');
		expect(stderr).not.toContain('the run goes on');
		// And the run it followed was indeed ended by the new start
		const history = runCli(['history', '--job', 'long', '--json', '--root', root.dir]);
		expect(JSON.parse(history.stdout)).toMatchObject([{id: 1, status: 'interrupted'}]);
	}, 4 * slow);
});
