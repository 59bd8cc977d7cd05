/**
 * A service started by hand outside its window stays up until the end of its next window. A reload of
 * jobs.yaml that changes the window moves that end to the new window's: `status` and the console (the
 * snapshot's `closesAt`) say the new end, and the service is stopped there, not at the old window's end.
 * It kept the end computed from the old window: status said 12:00 for a window now ending at 13:00, and
 * the service was stopped at 12:00. A real host on a fixed clock, a real process, real SQLite.
 */
import {describe, expect, it} from 'vitest';
import {servicesTable} from '../../src/cli/commands/service-commands.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {startServiceHost, trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();
const serviceProcesses = trackServiceProcesses();

const feedYaml = (script: string, window: string) => `timezone: Asia/Shanghai
services:
  - id: feed
    command: ["sh", "${script}"]
    window: "${window}"
`;

const noteOf = (table: string) => table.split('\n').find(line => line.startsWith('feed '))?.replace(/^.* {2}(?=window )/, '');

describe('a manual start outside the window, then a reload that changes the window', () => {
	it('stays up until the new window\'s end, as status and the snapshot say', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\necho "feed up"\nwhile :; do sleep 1; done\n'});
		serviceProcesses.watch(root.dir);
		const script = `${root.dir}/feed.sh`;
		const t = await startHost(feedYaml(script, '11:00-12:00'), {at: '2026-11-20T10:00:00+08:00', root});
		expect(await t.host.handler('start-service', {serviceId: 'feed'})).toMatchObject({ok: true, message: expect.stringContaining('it stays up until 2026-11-20 12:00') as string});
		await t.state('feed', 'up');

		root.write('config/jobs.yaml', feedYaml(script, '11:00-13:00'));
		expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		const status = () => noteOf(servicesTable([t.view('feed')], t.clock.now(), 'Asia/Shanghai'));
		expect(status()).toBe('window 11:00–13:00 · every day, up until 2026-11-20 13:00');
		expect(t.view('feed').closesAt).toBe(Date.parse('2026-11-20T13:00:00+08:00'));
		const logged = t.host.scheduler.tail.newest(50, 0, () => true).map(line => line.msg);
		expect(logged).toContain('feed: its window changed to 11:00–13:00 · every day; started by hand outside its window, it stays up until 2026-11-20 13:00 (was until 2026-11-20 12:00)');

		// The old end passes: still up (the window timer fires synchronously as the clock moves).
		t.clock.advance(2 * 3_600_000);
		expect(t.view('feed').state).toBe('up');
		// The new end: stopped there, as planned.
		t.clock.advance(3_600_000);
		await t.state('feed', 'outside-window');
		const runs = await t.runs('feed');
		expect(runs.map(run => [run.status, (run.result as {stop?: string} | undefined)?.stop])).toEqual([['success', 'window-end']]);
		expect(runs[0]!.finishedAt).toBe(Date.parse('2026-11-20T13:00:00+08:00'));
	});

	it('moved to a window that is open now, it stays up until that window\'s end', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\necho "feed up"\nwhile :; do sleep 1; done\n'});
		serviceProcesses.watch(root.dir);
		const script = `${root.dir}/feed.sh`;
		const t = await startHost(feedYaml(script, '20:00-21:00'), {at: '2026-11-20T10:00:00+08:00', root});
		expect(await t.host.handler('start-service', {serviceId: 'feed'})).toMatchObject({ok: true});
		await t.state('feed', 'up');

		root.write('config/jobs.yaml', feedYaml(script, '09:00-11:00'));
		expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		expect(t.view('feed')).toMatchObject({state: 'up', inWindow: true, closesAt: Date.parse('2026-11-20T11:00:00+08:00')});
		t.clock.advance(3_600_000);
		await t.state('feed', 'outside-window');
		expect((await t.runs('feed')).map(run => [run.status, (run.result as {stop?: string} | undefined)?.stop])).toEqual([['success', 'window-end']]);
	});

	it('changed while the scheduler was down, the next scheduler keeps it up until the new window\'s end', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\necho "feed up"\nwhile :; do sleep 1; done\n'});
		serviceProcesses.watch(root.dir);
		const script = `${root.dir}/feed.sh`;
		const t = await startHost(feedYaml(script, '11:00-12:00'), {at: '2026-11-20T10:00:00+08:00', root});
		expect(await t.host.handler('start-service', {serviceId: 'feed'})).toMatchObject({ok: true, message: expect.stringContaining('it stays up until 2026-11-20 12:00') as string});
		await t.state('feed', 'up');
		await t.close();

		const again = await startServiceHost(feedYaml(script, '11:00-13:00'), {at: '2026-11-20T10:05:00+08:00', root});
		try {
			await again.state('feed', 'up');
			expect(noteOf(servicesTable([again.view('feed')], again.clock.now(), 'Asia/Shanghai'))).toBe('window 11:00–13:00 · every day, up until 2026-11-20 13:00');
			again.clock.advance(115 * 60_000);
			expect(again.view('feed').state).toBe('up');
			again.clock.advance(3_600_000);
			await again.state('feed', 'outside-window');
			const runs = await again.runs('feed');
			expect(runs.map(run => [run.status, (run.result as {stop?: string} | undefined)?.stop])).toEqual([['success', 'shutdown'], ['success', 'window-end']]);
			expect(runs[1]!.finishedAt).toBe(Date.parse('2026-11-20T13:00:00+08:00'));
		} finally {
			await again.close();
		}
	});
});
