/**
 * A window across midnight: "22:00-02:00" is refused naming why and how to write it ("crosses
 * midnight … give each day's part, "22:00-24:00,00:00-02:00""), where it read "is not a range such as
 * 09:30-11:30", as if the times were wrong; written so, the service stays up across midnight (one
 * window: no stop at 24:00 and start at 00:00), and a manual stop before midnight holds past it across
 * a scheduler restart (the window counted as opened at 00:00, so the hold was dropped and it started).
 * A real SchedulerHost with a fixed clock and a real process.
 */
import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import type {ConfigError} from '../../src/config/config-problem.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {startServiceHost, trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();
const config = (window: string, script = '/bin/true') => `timezone: Asia/Shanghai
services:
  - id: night
    command: ["sh", "${script}"]
    window: "${window}"
`;

describe('a service window across midnight', () => {
	it('is refused naming how to write it', () => {
		const root = makeTempRoot({});
		let problems: string[] = [];
		try {
			parseJobsConfig(config('22:00-02:00'), 'config/jobs.yaml', root.dir);
		} catch (error) {
			problems = (error as ConfigError).problems.map(problem => problem.message);
		}

		root.remove();
		expect(problems).toEqual(['window "22:00-02:00" crosses midnight, and a range never does: give each day\'s part, "22:00-24:00,00:00-02:00"']);
	});

	it('written as each day\'s part, keeps the service up across midnight', async () => {
		const root = makeTempRoot({'night.sh': '#!/bin/sh\necho "night up"\nwhile :; do sleep 0.2; done\n'});
		const t = await startHost(config('22:00-24:00,00:00-02:00', `${root.dir}/night.sh`), {at: '2026-11-20T23:59:50+08:00', root});
		const before = await t.state('night', 'up');
		expect(before.closesAt).toBe(Date.parse('2026-11-21T02:00:00+08:00'));
		t.clock.advance(20_000);
		const after = await t.state('night', 'up');
		expect(after.pid).toBe(before.pid);
		expect((await t.runs('night')).map(run => run.status)).toEqual(['running']);
	}, 60_000);

	it('a manual stop before midnight holds past it, across a scheduler restart', async () => {
		const root = makeTempRoot({'night.sh': '#!/bin/sh\nwhile :; do sleep 0.2; done\n'});
		const yaml = config('22:00-24:00,00:00-02:00', `${root.dir}/night.sh`);
		// Given it was stopped by hand at 23:00, and the scheduler stopped:
		const first = await startServiceHost(yaml, {at: '2026-11-20T23:00:00+08:00', root});
		await first.state('night', 'up');
		expect(await first.host.handler('stop-service', {serviceId: 'night'})).toMatchObject({ok: true});
		await first.state('night', 'stopped');
		await first.close();

		// When a scheduler starts at 00:30, in the same window:
		const t = await startHost(yaml, {at: '2026-11-21T00:30:00+08:00', root});

		// Then it is still held, until the next window.
		expect(t.view('night')).toMatchObject({state: 'stopped', note: 'manual stop: held until a manual start or the next window'});
		expect((await t.runs('night')).map(run => run.status)).toEqual(['success']);
	}, 60_000);
});
