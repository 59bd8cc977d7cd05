/** A reload of jobs.yaml with services: added ones start, removed ones stop, a changed command restarts, disabled stops. */
import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {isAlive, processesWith, trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('services across a reload', () => {
	it('starts an added module service (TypeScript through tsx), stops a removed one, restarts one whose environment changed, stops a disabled one', async () => {
		const root = makeTempRoot({
			'old.sh': '#!/bin/sh\nwhile :; do sleep 1; done\n',
			'services/strategy.ts': 'const mode: string = process.env.MODE ?? "none";\nconsole.log(`strategy up in ${mode} mode`);\nsetInterval(() => {}, 1000);\n',
		});
		const t = await startHost(`services:\n  - {id: old, command: ["sh", "${root.dir}/old.sh"]}\n`, {at: '2026-11-20T10:00:00+08:00', root});
		const old = await t.state('old', 'up');
		const reload = async (yaml: string) => {
			root.write('config/jobs.yaml', yaml);
			expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		};

		const strategy = (mode: string, enabled = true) => `services:
  - id: strategy
    module: services/strategy.ts
    env: {MODE: ${mode}}
    ready_pattern: "strategy up in ${mode} mode"
    enabled: ${enabled}
`;
		await reload(strategy('paper'));
		const first = await t.state('strategy', 'up');
		// The reload's log line names the services it added and removed, not just the (unchanged) jobs.
		const logged = t.host.scheduler.tail.newest(50, 0, () => true).map(line => line.msg);
		expect(logged).toContain('config reloaded: 0 added, 0 removed, 0 changed; services: 1 added, 1 removed, 0 changed (+ strategy; - old)');
		expect(isAlive(old.pid!)).toBe(false);
		expect(processesWith(`${root.dir}/old.sh`)).toEqual([]);
		expect(t.host.scheduler.snapshot().services!.map(service => service.id)).toEqual(['strategy']);
		expect((await t.runs('old'))[0]).toMatchObject({status: 'success', result: {stop: 'removed'}});

		await reload(strategy('live'));
		const second = await waitFor(() => {
			const view = t.view('strategy');
			return view.state === 'up' && view.pid !== first.pid ? view : undefined;
		}, 20_000, 'the restart with the new environment');
		expect(isAlive(first.pid!)).toBe(false);
		expect((await t.runs('strategy')).map(run => [run.status, run.message])).toEqual([['success', 'stopped (config)'], ['running', 'restart after a config change']]);

		await reload(strategy('live', false));
		await t.state('strategy', 'stopped');
		expect(isAlive(second.pid!)).toBe(false);
	});
});
