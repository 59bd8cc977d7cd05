/**
 * `q` in a console attached to a scheduler in another process leaves that scheduler running; as tmux
 * says `[detached]`, the terminal the console gives back says so in one line, with how to come back.
 * A console that ran the scheduler itself stops it at `q` and says nothing of the kind.
 */
import {describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const processes = trackHeadlessProcesses();

const slow = 60_000;

const jobsYaml = `jobs:
  - id: hello
    trigger: manual
    command: ["true"]
`;

describe.skipIf(!hasTmux)('q in the console (tmux)', () => {
	it('attached to --headless: leaves one line saying the scheduler runs on, and it does', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const pid = processes.pidOf(0);
		const s = openTmuxSession('detach-line', `${binary} --root ${root.dir}; echo "console exited $?"; sleep 120`, 100, 30);
		await s.see(new RegExp(`│ (attached to )?pid ${pid}$`, 'm'), slow);
		s.keys('q');
		const left = await s.see('console exited 0', slow);
		expect(left).toContain(`detached: the scheduler (pid ${pid}) runs on; sage-console to attach again\nconsole exited 0`);
		expect(app.child.exitCode).toBeNull();
		expect(runCli(['status', '--root', root.dir]).code).toBe(0);
	}, 3 * slow);

	it('running its own scheduler: q stops it, and no line says it runs on', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const s = openTmuxSession('own-quit', `${binary} --root ${root.dir}; echo "console exited $?"; sleep 120`, 100, 30);
		await s.see('Jobs (1)', slow);
		s.keys('q');
		const left = await s.see('console exited 0', slow);
		expect(left).not.toContain('detached');
		expect(runCli(['status', '--root', root.dir]).code).not.toBe(0);
	}, 3 * slow);
});
