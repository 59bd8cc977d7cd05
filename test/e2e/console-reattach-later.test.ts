/**
 * A console kept open in tmux while its headless scheduler is killed (SIGKILL: no goodbye on the
 * socket, the socket file left behind) and stays down for several seconds before another one is
 * started: past its first tries the console goes on trying every 2 s, says so all the while, and
 * attaches to the new scheduler when it answers (its pid shown).
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {describe, expect, it} from 'vitest';
import {consoleOnHeadless} from '../helpers/console-on-headless.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux} from '../helpers/tmux.js';

const processes = trackHeadlessProcesses();

/** Generous: several test files share 2 cores. */
const slow = 60_000;

const jobsYaml = `jobs:
  - id: hello
    trigger: manual
    command: ["sh", "-c", "echo hello from the scheduler started later"]
`;

describe.skipIf(!hasTmux)('a console attached to a scheduler that is killed and comes back only later (tmux, --headless)', () => {
	it('keeps re-attaching while none answers, then attaches to the new scheduler', async () => {
		// Given a console attached to a headless scheduler
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const {scheduler: first, pid: firstPid, session: s} = await consoleOnHeadless(processes, root.dir, 'later', {timeoutMs: slow, then: 'echo "console exited $?"; sleep 120'});

		// When the scheduler is killed and none runs for 7 s (the retries past 1 s, 1 s, then every 2 s)
		first.child.kill('SIGKILL');
		await first.exited;
		const gone = await s.see(new RegExp(`scheduler pid ${firstPid} gone since (\\d\\d:\\d\\d:\\d\\d) .*re-attaching`), slow);
		const since = new RegExp(`gone since (\\d\\d:\\d\\d:\\d\\d)`).exec(gone)![1];
		await new Promise(resolve => {
			setTimeout(resolve, 7000);
		});

		// Then the console is still open and still says it re-attaches, since the same moment
		const waiting = s.screen();
		expect(waiting).toContain(`scheduler pid ${firstPid} gone since ${since}`);
		expect(waiting).toContain(`re-attaching (pid ${firstPid} gone)`);
		expect(waiting).not.toContain('console exited');

		// And when a new scheduler starts, the console attaches to it by itself: its pid, its log
		const second = processes.start(root.dir);
		await schedulerStarted(second);
		const secondPid = processes.pidOf(1);
		const back = await s.see(attachedHeader(secondPid), slow);
		expect(back).not.toContain('re-attaching');
		expect(runCli(['run', 'hello', '--root', root.dir]).code).toBe(0);
		await s.see('hello from the scheduler started later', slow);
	}, 4 * slow);
});
