/**
 * The console's header follows a reload of config/calendar.yaml: the scheduler hands its clients the
 * new calendar in its snapshot, so a console running the scheduler in its own process and a console
 * attached to a headless scheduler both show an emergency closure for today at once. Real consoles in
 * tmux, the whole processes on a faked clock; the real `sage-console reload`.
 */
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

function session(name: string, root: TempRoot, command: string): TmuxSession {
	return openTmuxSession(name, `cd ${root.dir} && ${atTime(monday, command)}; sleep 60`, 120, 40);
}

function boxRoot(): TempRoot {
	const root = makeBoxRoot();
	// Removed when the test ends, after its terminals (those end first: they were opened later).
	onTestFinished(() => {
		root.remove();
	});
	return root;
}

/** An emergency closure for the day, saved and reloaded. */
function closeMonday(root: TempRoot): void {
	root.write('config/calendar.yaml', 'closures: [2026-12-07]\n');
	const reload = runCli(['reload', '--root', root.dir]);
	expect(reload.code, reload.stderr).toBe(0);
}

describe.skipIf(!hasTmux || !hasFaketime)('the console\'s header follows a calendar reload (tmux, faked clock)', () => {
	it('an emergency closure for today turns "trading day" into "holiday" in a console with its own scheduler and in one attached to a headless scheduler', async () => {
		// Given a console running its scheduler in-process, and a headless scheduler with a console attached
		const own = boxRoot();
		const ownConsole = session('own', own, binary);
		const shared = boxRoot();
		session('headless', shared, `${binary} --headless`);
		await waitFor(() => existsSync(path.join(shared.dir, 'data/sage.sock')), 40_000, 'the headless scheduler\'s socket');
		const attached = session('attached', shared, binary);
		// (`pid N` for `attached to pid N` before the open: at 120 columns today's figures stay instead)
		await attached.see(/│ (?:attached to )?pid \d+/, 40_000);
		for (const screen of [ownConsole, attached]) {
			await screen.see(/2026-12-07 08:\d\d:\d\d {2}◆ trading day · opens (?:09:15 )?in 1h 1\dm/, 40_000);
		}

		// When each root's calendar.yaml closes today and `reload` applies it
		closeMonday(own);
		closeMonday(shared);

		// Then both headers say the day is a holiday and name the next trading day (the attached one's
		// `next Tue 8 Dec`: at 120 columns it gives up those words before today's figures)
		for (const screen of [ownConsole, attached]) {
			await screen.see(/2026-12-07 08:\d\d:\d\d {2}◆ holiday · next (?:trading day )?Tue 8 Dec/, 20_000);
		}
	}, 150_000);
});
