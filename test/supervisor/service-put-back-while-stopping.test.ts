/**
 * A service removed from jobs.yaml and put back (an edit undone, two saves the watcher reloads) while
 * its old process still waits out its stop_timeout: the service comes back once that process has
 * stopped, never beside it. It was started again at once, a second copy next to the one still
 * stopping (two broker gateways logged in, two strategies trading). The service here holds a lock for
 * as long as it runs, as a gateway holds its port: a copy that cannot take it says so and exits 1.
 * A real SchedulerHost with a fixed clock, real processes and their signals, real SQLite.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {isAlive, trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a service put back while its removed process still stops', () => {
	it('comes back once that process is gone, never as a second copy', async () => {
		const root = makeTempRoot({
			'gateway.sh': '#!/bin/sh\ntrap "" TERM\nexec 9>"$0.lock"\nif ! flock -n 9; then echo "pid $$" >> "$0.second-copy"; exit 1; fi\necho "gateway up"\nwhile :; do sleep 0.2; done\n',
		});
		const config = `timezone: Asia/Shanghai
services:
  - id: gateway
    command: ["sh", "${root.dir}/gateway.sh"]
    stop_timeout: 3s
`;
		const t = await startHost(config, {at: '2026-11-20T10:00:00+08:00', root});
		const first = (await t.state('gateway', 'up')).pid!;
		const reload = async (yaml: string) => {
			root.write('config/jobs.yaml', yaml);
			expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		};

		await reload('timezone: Asia/Shanghai\nservices: []\n');
		await reload(config);
		const back = await waitFor(() => {
			const view = t.host.scheduler.snapshot().services?.find(service => service.id === 'gateway');
			return view?.state === 'up' && view.pid !== first ? view : undefined;
		}, 30_000, 'gateway up again with a new process');
		expect(isAlive(first)).toBe(false);
		expect(existsSync(path.join(root.dir, 'gateway.sh.second-copy'))).toBe(false);
		const runs = await t.runs('gateway');
		expect(runs.map(run => [run.status, run.message])).toEqual([['success', 'stopped (removed)'], ['running', 'config reload']]);
		expect(back.restartsToday).toBe(0);
	}, 60_000);
});
