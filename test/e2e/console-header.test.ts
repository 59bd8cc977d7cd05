import {afterEach, describe, it} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {atTime, hasFaketime, hasTmux, TmuxSession} from '../helpers/tmux.js';
import {makeBoxRoot} from './console-fixture.js';

const roots: TempRoot[] = [];
const sessions: TmuxSession[] = [];
afterEach(() => {
	for (const session of sessions.splice(0)) {
		session.kill();
	}

	for (const root of roots.splice(0)) {
		root.remove();
	}
});

/** The console on a fresh root, its whole process (threads and jobs too) starting at `iso`. */
function consoleAt(iso: string): TmuxSession {
	const root = makeBoxRoot();
	roots.push(root);
	const session = new TmuxSession('sage', `cd ${root.dir} && ${atTime(iso, binary)}; sleep 60`, 120, 40);
	sessions.push(session);
	return session;
}

describe.skipIf(!hasTmux || !hasFaketime)('the header says the market\'s day and counts down to its next boundary (tmux, faked clock)', () => {
	it('on a trading day before the open, at lunch, after the close on a Friday, on a holiday and in December', async () => {
		// Started together: each console takes a few seconds to come up.
		const beforeOpen = consoleAt('2026-12-07T08:00:00+08:00');
		const lunch = consoleAt('2026-12-07T12:00:00+08:00');
		const friday = consoleAt('2026-12-04T15:30:00+08:00');
		const holiday = consoleAt('2026-10-01T10:00:00+08:00');
		await beforeOpen.see(/2026-12-07 08:00:\d\d {2}◆ trading day · opens 09:15 in 1h 15m │/, 40_000);
		// The calendar warning: in December, next year's closures are not loaded yet.
		await beforeOpen.see('⚠ 2027 closures not loaded yet');
		await lunch.see(/12:00:\d\d {2}◆ lunch break · resumes 13:00 in 1h 00m │/, 40_000);
		await friday.see(/15:30:\d\d {2}◆ closed · opens Mon 7 Dec 09:15 in 2d 17h\d* │/, 40_000);
		await holiday.see(/2026-10-01 10:00:\d\d {2}◆ holiday · next trading day Thu 8 Oct │/, 40_000);
		await holiday.see(/refresh_quotes_all_markets .* 10-08 09:30 in 6d/);
	}, 120_000);
});
