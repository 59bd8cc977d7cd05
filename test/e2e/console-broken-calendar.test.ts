/**
 * A config/calendar.yaml that does not read never keeps a console from opening. A console attaching
 * to a headless scheduler after the file was broken (the scheduler keeps the calendar it had) opens
 * and shows the scheduler's calendar and its notice; a console starting its own scheduler with the
 * file broken opens on the shipped closures alone, says so, and takes the file once it is mended.
 * Real consoles in tmux, the whole processes on a faked clock.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {binary, runCli} from '../helpers/run-cli.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession, type TmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeBoxRoot} from './console-fixture.js';

/** Monday 2026-12-07, a trading day, before the open. */
const monday = '2026-12-07T08:00:00+08:00';
/** An edit half made: the list is never closed (a YAML error on line 2). */
const brokenCalendar = 'closures: [2026-12-07\nyears: {}\n';

function session(name: string, root: TempRoot, command: string): TmuxSession {
	return openTmuxSession(name, `cd ${root.dir} && ${atTime(monday, command)}; echo "exited $?"; sleep 60`, 120, 40);
}

function boxRoot(): TempRoot {
	const root = makeBoxRoot();
	// Removed when the test ends, after its terminals (those end first: they were opened later).
	onTestFinished(() => {
		root.remove();
	});
	return root;
}

describe.skipIf(!hasTmux || !hasFaketime)('a broken config/calendar.yaml and the console (tmux, faked clock)', () => {
	it('a console attaching to a headless scheduler after calendar.yaml was broken opens, with the scheduler\'s calendar and its notice', async () => {
		// Given a headless scheduler that started with an emergency closure for today in calendar.yaml
		const root = boxRoot();
		root.write('config/calendar.yaml', 'closures: [2026-12-07]\n');
		session('headless', root, `${binary} --headless`);
		await waitFor(() => existsSync(path.join(root.dir, 'data/sage.sock')), 40_000, 'the headless scheduler\'s socket');

		// When the file is broken by an edit (a reload keeps the calendar it had) and a console attaches
		root.write('config/calendar.yaml', brokenCalendar);
		const reload = runCli(['reload', '--root', root.dir]);
		expect(reload.stdout + reload.stderr).toContain('calendar.yaml not applied');
		const attached = session('attached', root, binary);

		// Then the console opens, shows the market by the scheduler's calendar (today closed) and the notice
		const screen = await attached.see(attachedHeader(), 40_000);
		expect(screen).not.toContain('exited');
		// (`next` for `next trading day`: at 120 columns the attached header keeps today's figures instead)
		await attached.see(/2026-12-07 08:\d\d:\d\d {2}◆ holiday · next Tue 8 Dec │ .* │ attached to pid/, 20_000);
		await attached.see(/⚠ calendar\.yaml not applied; the calendar loaded before stays: config\/calendar\.yaml:2:\d+: /, 20_000);
	}, 150_000);

	it('a console starting its own scheduler with calendar.yaml broken opens on the shipped closures, says so, and applies the file once mended', async () => {
		// Given calendar.yaml broken before the console starts
		const root = boxRoot();
		root.write('config/calendar.yaml', brokenCalendar);

		// When the console starts (its scheduler in-process)
		const own = session('own', root, binary);

		// Then it opens: the jobs are scheduled, the market shown by the shipped closures, the problem in a notice
		const screen = await own.see('Jobs (10)', 40_000);
		expect(screen).not.toContain('exited');
		await own.see(/2026-12-07 08:\d\d:\d\d {2}◆ trading day · opens (?:09:15 )?in 1h 1\dm/, 20_000);
		await own.see(/⚠ calendar\.yaml not applied; the shipped closures alone are used: config\/calendar\.yaml:2:\d+: /, 20_000);

		// And when the edit is finished, the watcher applies it: today closed, the notice gone
		root.write('config/calendar.yaml', 'closures: [2026-12-07]\n');
		await own.see(/2026-12-07 08:\d\d:\d\d {2}◆ holiday · next trading day Tue 8 Dec/, 20_000);
		// (the log panel keeps the lines that said it; the header's notice is gone)
		await waitFor(() => !own.rows().some(row => row.startsWith('⚠ calendar.yaml not applied')), 20_000, 'the notice to go');
	}, 150_000);
});
