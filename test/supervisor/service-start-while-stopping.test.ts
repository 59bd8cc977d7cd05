/**
 * The operator's start asked while a service is still stopping at its window's end (one that ignores
 * SIGTERM and waits out stop_timeout) is a manual start once it has stopped: outside its window, it
 * stays up until the end of the next one, and says so. It was started as the stop's restart
 * ('restart (window-end)', counted ↺1, the start limit's streak going on), with no end and no word of
 * it. A real SchedulerHost with a fixed clock, a real process and its signals, real SQLite.
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a start asked while the service stops at its window\'s end', () => {
	it('starts it as a manual start outside its window, up until the end of the next one', async () => {
		const root = makeTempRoot({'stubborn.sh': '#!/bin/sh\ntrap "" TERM\necho "stubborn up"\nwhile :; do sleep 0.2; done\n'});
		// Given 10:59:50, a service in its 10:00–11:00 window that ignores SIGTERM (2 s to SIGKILL):
		const t = await startHost(`timezone: Asia/Shanghai
services:
  - id: stubborn
    command: ["sh", "${root.dir}/stubborn.sh"]
    window: "10:00-11:00"
    stop_timeout: 2s
`, {at: '2026-11-20T10:59:50+08:00', root});
		await t.state('stubborn', 'up');

		// When the window ends and, while it is still stopping, the operator asks for a start:
		t.clock.advance(15_000);
		await t.state('stubborn', 'stopping');
		const asked = await t.host.handler('start-service', {serviceId: 'stubborn'});
		expect(asked.message).toBe('stubborn is stopping; it starts again once stopped; outside its window, it stays up until 2026-11-21 11:00 or a stop');

		// Then, once stopped, it starts as a manual start, kept up until the end of tomorrow's window.
		const up = await waitFor(() => {
			const view = t.view('stubborn');
			return view.state === 'up' && view.runId !== undefined ? view : undefined;
		}, 20_000, 'the start after the stop');
		expect(up.closesAt).toBe(Date.parse('2026-11-21T11:00:00+08:00'));
		expect(up.restartsToday).toBe(0);
		const runs = await t.runs('stubborn');
		expect(runs.map(run => run.message)).toEqual(['stopped (window-end)', 'manual start']);
	}, 60_000);
});
