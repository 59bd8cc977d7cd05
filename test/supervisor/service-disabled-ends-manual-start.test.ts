/**
 * Disabling a service started by hand outside its window ends that manual start, as a manual stop
 * does: enabled again later, it is up in its window only. It came straight back up outside its window
 * on the old manual start ('manual start outside its window, up until …'). A real SchedulerHost with a
 * fixed clock, a real process, the real reload request.
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();
const config = (script: string, enabled: boolean) => `timezone: Asia/Shanghai
services:
  - id: feed
    command: ["sh", "${script}"]
    window: "10:00-11:00"
    enabled: ${enabled}
`;

describe('a manual start outside the window, then disabled and enabled again', () => {
	it('stays outside its window once enabled again, until the window opens', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\necho "feed up"\nwhile :; do sleep 0.2; done\n'});
		const script = `${root.dir}/feed.sh`;
		const t = await startHost(config(script, true), {at: '2026-11-20T14:00:00+08:00', root});
		const reload = async (enabled: boolean) => {
			root.write('config/jobs.yaml', config(script, enabled));
			expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		};

		// Given it was started by hand at 14:00, up until the end of tomorrow's window:
		expect(await t.host.handler('start-service', {serviceId: 'feed'})).toMatchObject({ok: true});
		expect((await t.state('feed', 'up')).closesAt).toBe(Date.parse('2026-11-21T11:00:00+08:00'));

		// When it is disabled, then enabled again:
		await reload(false);
		await t.state('feed', 'stopped');
		await reload(true);

		// Then it is outside its window, not started, and starts when the window opens.
		expect(t.view('feed')).toMatchObject({state: 'outside-window', nextStartAt: Date.parse('2026-11-21T10:00:00+08:00')});
		expect(t.view('feed').closesAt).toBeUndefined();
		expect((await t.runs('feed')).map(run => run.message)).toEqual(['stopped (disabled)']);
		t.clock.advance(20 * 3_600_000);
		await t.state('feed', 'up');
		expect((await t.runs('feed')).map(run => run.message)).toEqual(['stopped (disabled)', 'window start']);
	}, 60_000);
});
