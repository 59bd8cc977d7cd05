/**
 * A service disabled and enabled again (an `enabled: false` taken back) while its stop for being
 * disabled is still under way (it waits out its stop_timeout) starts again in its window once stopped.
 * It ended `stopped (disabled)` while enabled, held so (across a scheduler restart too), and stayed
 * down until a manual start. A real SchedulerHost with a fixed clock, a real process and its signals,
 * real SQLite.
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a service enabled again while its stop for being disabled is under way', () => {
	it('starts again in its window once stopped', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\ntrap "" TERM\necho "feed up"\nwhile :; do sleep 0.2; done\n'});
		const config = (enabled: boolean) => `timezone: Asia/Shanghai
services:
  - id: feed
    command: ["sh", "${root.dir}/feed.sh"]
    stop_timeout: 2s
    enabled: ${enabled}
`;
		const t = await startHost(config(true), {at: '2026-11-20T10:00:00+08:00', root});
		const first = (await t.state('feed', 'up')).pid;
		const reload = async (enabled: boolean) => {
			root.write('config/jobs.yaml', config(enabled));
			expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		};

		await reload(false);
		await t.state('feed', 'stopping');
		await reload(true);
		const after = await waitFor(() => {
			const view = t.view('feed');
			return view.state === 'stopping' || view.pid === first ? undefined : view;
		}, 20_000, 'feed to have stopped');
		expect([after.state, after.note]).toEqual([expect.stringMatching(/^(starting|up)$/) as string, undefined]);
		const runs = await t.runs('feed');
		expect(runs.map(run => [run.status, run.message])).toEqual([['success', 'stopped (disabled)'], ['running', 'enabled again']]);
	}, 60_000);
});
