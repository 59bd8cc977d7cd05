/**
 * The header clock of an idle console in tmux never shows a time in the past. Idle, the panels' clock
 * ticks once a minute and the header's seconds are written in place each second; a frame drawn in
 * between (a job paused from the command line) used to show the minute's last tick, `10:24:00` for a
 * second in the middle of 10:24:46. Built binary, a real terminal, the real clock.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {zonedClock} from '../../src/time/zoned-time.js';
import {binary, startCli} from '../helpers/run-cli.js';
import {rootForTest} from '../helpers/test-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

/** Generous: several test files share 2 cores. */
const slow = 60_000;

// Manual jobs only: nothing is due within a minute and a half, so the panels' clock ticks by the minute.
const jobsYaml = `jobs:
  - id: weekly_report
    trigger: manual
    command: ["true"]
`;

const secondsOfDay = (clock: string) => {
	const [hours, minutes, seconds] = clock.split(':').map(Number);
	return (hours! * 3600) + (minutes! * 60) + seconds!;
};

describe.skipIf(!hasTmux)('the header clock of an idle console (tmux)', () => {
	it('shows the time of day in every frame, also one drawn between two of its ticks', async () => {
		// Removed when the test ends, after its terminal (that ends first: it was opened later).
		const root = rootForTest({'config/jobs.yaml': jobsYaml});
		const s = openTmuxSession('clock', `${binary} --root ${root.dir}; sleep 120`, 120, 30);
		await s.see('Jobs (1)', slow);
		const behind: number[] = [];
		const ahead: number[] = [];
		/** `a` minus `b`, clock faces in seconds (across midnight too). */
		const secondsBetween = (a: number, b: number) => ((((a - b) % 86_400) + 86_400 + 43_200) % 86_400) - 43_200;
		const secondsAt = (ms: number) => secondsOfDay(zonedClock(ms, 'Asia/Shanghai'));
		for (const command of ['pause', 'resume', 'pause', 'resume']) {
			// A change from outside redraws the panels (and the header) at some point within a second.
			const cli = startCli([command, 'weekly_report', '--root', root.dir]);
			for (let at = Date.now(); Date.now() - at < 3000; await sleep(10)) {
				// The capture is taken somewhere between these two moments (on a loaded box, a second or more apart).
				const before = Date.now();
				const shown = /\d\d:\d\d:\d\d/.exec(s.rows()[0] ?? '')?.[0];
				const after = Date.now();
				if (shown) {
					behind.push(secondsBetween(secondsAt(before), secondsOfDay(shown)));
					ahead.push(secondsBetween(secondsOfDay(shown), secondsAt(after)));
				}
			}

			expect(await cli.exited).toBe(0);
			await s.see(command === 'pause' ? '⏸ paused' : /weekly_report +manual/, slow);
		}

		// Several looks in each command's 3 s (hundreds on an idle box; a tmux capture can take 0.3 s on a loaded one).
		expect(behind.length).toBeGreaterThanOrEqual(4 * 5);
		// A tick is a second; a capture may fall on either side of one, and on a loaded box (two cores, other
		// consoles and schedulers beside it) the console's tick may come late by a few more. The old frame
		// showed the minute's last tick, up to 59 s behind, which dozens of looks cannot miss.
		expect(Math.max(...behind)).toBeLessThanOrEqual(4);
		// Never a time still to come, however long the capture took.
		expect(Math.max(...ahead)).toBeLessThanOrEqual(1);
	}, 4 * slow);
});
