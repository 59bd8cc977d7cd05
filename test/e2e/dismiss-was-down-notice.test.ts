/**
 * The header's `⚠ sage-console was down` notice stands for an hour; an operator who keeps the console
 * open in tmux all day and has read it presses `d` to dismiss it. The dismissal is this console's own
 * (the scheduler has no dismissal of notices): another console and `status` still show it, and the
 * notice of a later death shows again. Real parts: the built binary, `--headless` killed with -9 and
 * started again, two consoles attached in tmux, read as the operator reads them.
 */
import {describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** Generous: several test files share 2 cores. */
const slow = 60_000;

const header = (screen: string) => screen.split('\n').slice(0, 6).join('\n');

describe.skipIf(!hasTmux)('dismissing the \'was down\' notice (tmux)', () => {
	it('d hides it in this console only, says so, is in the help; a later death\'s notice shows again', async () => {
		// Given a headless scheduler killed with -9 and started again, and two consoles attached to it
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: quick, trigger: manual, command: ["true"]}\n'}).dir;
		const first = processes.start(root);
		await schedulerStarted(first);
		first.child.kill('SIGKILL');
		await first.exited;
		let current = processes.start(root);
		await schedulerStarted(current);
		const mine = openTmuxSession('dismiss-mine', `${binary} --root ${root}`, 120, 40);
		const other = openTmuxSession('dismiss-other', `${binary} --root ${root}`, 100, 30);
		await mine.see(`⚠ sage-console was down up to`, slow);
		await other.see(`⚠ sage-console was down up to`, slow);

		// The help lists the key with the console's keys
		mine.keys('?');
		await mine.see('dismiss the header\'s \'was down\' notice', slow);
		mine.keys('Escape');
		await waitFor(() => !mine.screen().includes('dismiss the header\'s'), slow, 'the help to close');

		// When the operator presses d in one console
		mine.keys('d');

		// Then that console's header no longer shows it, and the status line says where it still is
		await mine.see('\'was down\' notice dismissed in this console', slow);
		await waitFor(() => !header(mine.screen()).includes('sage-console was down'), slow, 'the notice to leave the header');
		expect(header(mine.screen())).toMatch(/^▌?Jobs/m);
		// The other console and `status` still show it
		expect(header(other.screen())).toContain('⚠ sage-console was down up to');
		expect(runCli(['status', '--root', root]).stdout).toContain('sage-console was down up to');

		// A second d has nothing to dismiss
		mine.keys('d');
		await mine.see('no notice to dismiss', slow);

		// When the scheduler dies again and systemd starts it again
		const dead = current;
		dead.child.kill('SIGKILL');
		await dead.exited;
		current = processes.start(root);
		await schedulerStarted(current);

		// Then the new notice shows in the console that dismissed the old one
		const screen = await mine.see(`pid ${dead.child.pid}, last alive`, slow);
		expect(header(screen)).toContain('⚠ sage-console was down 2 times in 10 min, last up to');
		current.child.kill('SIGTERM');
		expect(await current.exited).toBe(0);
	}, 5 * slow);
});
