/**
 * A reload that changes the root's `timezone:` moves the day a service's restarts are counted in, as
 * it moves today's job figures: the supervisor kept the zone the scheduler started with, so after the
 * reload "↺1" went on turning over at the old zone's midnight. A real scheduling host (as --headless)
 * on a temp root, a real service process and SQLite; only the clock is the test's.
 */
import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a service\'s restarts today across a reload that changes the zone', () => {
	it('counts them in the new zone\'s day from the reload on', async () => {
		const root = makeTempRoot({'collector.sh': '#!/bin/sh\necho collector up\nwhile :; do sleep 1; done\n'});
		const yaml = (zone: string) => `timezone: ${zone}\nservices:\n  - {id: collector, command: ["sh", "${root.dir}/collector.sh"]}\n`;
		// 00:30 on the 9th in Shanghai is 16:30 UTC on the 8th
		const t = await startHost(yaml('Asia/Shanghai'), {at: '2026-12-09T00:30:00+08:00', root});
		const first = await t.state('collector', 'up');
		expect(await t.host.handler('restart-service', {serviceId: 'collector'})).toMatchObject({ok: true});
		await waitFor(() => {
			const view = t.view('collector');
			return view.state === 'up' && view.pid !== first.pid ? view : undefined;
		}, 20_000, 'the restarted collector');
		expect(t.view('collector').restartsToday).toBe(1);

		// The root's zone becomes UTC: the restart was today (the 8th) there too
		root.write('config/jobs.yaml', yaml('UTC'));
		expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		expect(t.host.scheduler.currentConfig.timezone).toBe('UTC');
		expect(t.view('collector').restartsToday).toBe(1);
		t.clock.set(Date.parse('2026-12-08T23:59:30Z'));
		expect(t.view('collector').restartsToday).toBe(1);

		// UTC's midnight (08:00 in Shanghai, the same day there) starts the count again
		t.clock.set(Date.parse('2026-12-09T00:00:30Z'));
		expect(t.view('collector').restartsToday).toBe(0);
	}, 60_000);
});
