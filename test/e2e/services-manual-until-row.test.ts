/**
 * The console's services row of a service started by hand outside its window says until when it stays
 * up (`up 5s · until 04:00`, of another day `· until 12-06 04:00`, of another year `· until 2027-01-01
 * 04:00`), as `status` and the service view do; it showed only its uptime and its window. The built
 * `sage-console` in tmux, attached to a built `--headless` supervising a real service process, its
 * window hours away from now.
 */
import {describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {waitFor} from '../helpers/wait-for.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

const slow = 60_000;

/** An hour-long window (Asia/Shanghai, the console's zone) at least two hours away from now on either side. */
function windowAwayFromNow(): {text: string; end: string} {
	const hour = (new Date().getUTCHours() + 8) % 24;
	const start = [3, 9, 15, 21].find(candidate => Math.min(Math.abs(candidate - hour), 24 - Math.abs(candidate - hour)) >= 2)!;
	const pad = (value: number) => String(value).padStart(2, '0');
	return {text: `${pad(start)}:00-${pad(start + 1)}:00`, end: `${pad(start + 1)}:00`};
}

describe.skipIf(!hasTmux)('a service started by hand outside its window, in the console', () => {
	it('says in its row until when it stays up', async () => {
		const root = processes.makeRoot({'feed.sh': '#!/bin/sh\necho "feed up"\nwhile :; do sleep 0.2; done\n'});
		serviceProcesses.watch(root.dir);
		const window = windowAwayFromNow();
		root.write('config/jobs.yaml', `timezone: Asia/Shanghai
jobs:
  - {id: tick, trigger: manual, command: ["true"]}
services:
  - {id: feed, command: ["sh", "${root.dir}/feed.sh"], window: "${window.text}"}
`);
		await schedulerStarted(processes.start(root.dir));
		const s = openTmuxSession('manual-until', `${binary} --root ${root.dir}; sleep 120`, 100, 30);
		const row = () => s.rows().find(line => /[●◐◑↻✗■○] feed /.test(line)) ?? '';
		await waitFor(() => /○ feed\s+outside window/.test(row()), slow, `the feed row outside its window:\n${s.screen()}`);
		expect(row()).not.toContain('until');

		expect(runCli(['start', 'feed', '--root', root.dir]).code).toBe(0);
		await waitFor(() => /● feed\s+up\s+up \d+s/.test(row()), slow, `the feed row up:\n${s.screen()}`);
		// Its day when not today's, with the year when not this year's (on December 31st the next window is next year's).
		expect(row()).toMatch(new RegExp(`up \\d+s · until (?:(?:\\d{4}-)?\\d\\d-\\d\\d )?${window.end}\\b`));
	}, 90_000);
});
