/**
 * A service stopping at its window's end (one that ignores SIGTERM, waiting out its stop_timeout)
 * whose window a reload moves past now meanwhile (the operator keeps it up longer): once stopped, its
 * window decides, and it starts again. It was left `stopped` inside its window with no reason said,
 * held until the next window (or until the next scheduler dropped that reasonless hold and started it).
 * A real SchedulerHost with a fixed clock, a real process and its signals, real SQLite.
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a window moved past now while the service stops at its old end', () => {
	it('starts the service again once stopped', async () => {
		const root = makeTempRoot({'strategy.sh': '#!/bin/sh\ntrap "" TERM\necho "strategy up"\nwhile :; do sleep 0.2; done\n'});
		const config = (window: string) => `timezone: Asia/Shanghai
services:
  - id: strategy
    command: ["sh", "${root.dir}/strategy.sh"]
    window: "${window}"
    stop_timeout: 2s
`;
		const t = await startHost(config('10:00-11:00'), {at: '2026-11-20T10:59:50+08:00', root});
		const first = (await t.state('strategy', 'up')).pid;
		t.clock.advance(15_000);
		await t.state('strategy', 'stopping');

		root.write('config/jobs.yaml', config('10:00-12:00'));
		expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		const after = await waitFor(() => {
			const view = t.view('strategy');
			return view.state === 'stopping' || view.pid === first ? undefined : view;
		}, 20_000, 'strategy to have stopped');
		expect([after.state, after.note]).toEqual([expect.stringMatching(/^(starting|up)$/) as string, undefined]);
		const runs = await t.runs('strategy');
		expect(runs.map(run => [run.status, run.message])).toEqual([['success', 'stopped (window-end)'], ['running', 'window start']]);
	}, 60_000);
});
