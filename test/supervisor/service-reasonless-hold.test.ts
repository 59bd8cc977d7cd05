/**
 * A hold kept in the database with no reason — as versions before left one when a service was removed
 * from jobs.yaml while it ran and put back (`stopped`, no note) — is dropped at the scheduler's start,
 * said in the log, and the service runs in its window again; it held the service stopped with nothing
 * saying why until someone started it by hand. Holds that say why are kept: a manual stop and a crash
 * loop's `fatal` stay held across the same restart. A real host on a fixed clock, real processes, the
 * real SQLite file (the old hold written into its settings table as the old version wrote it).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {readSettings} from '../helpers/history-file.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {startServiceHost, trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();
const serviceProcesses = trackServiceProcesses();

const settingsOf = (root: string) => readSettings(root, 'service-hold:');

describe('a hold kept with no reason', () => {
	it('is dropped at start with a log line; a manual stop\'s hold and a crash loop\'s fatal are kept', async () => {
		const root = makeTempRoot({'loop.sh': '#!/bin/sh\nwhile :; do sleep 1; done\n'});
		serviceProcesses.watch(root.dir);
		const yaml = `timezone: Asia/Shanghai
services:
  - {id: feed, command: ["sh", "${root.dir}/loop.sh"]}
  - {id: gateway, command: ["sh", "${root.dir}/loop.sh"]}
  - id: broker
    command: ["sh", "-c", "echo 'broker: connection refused' >&2; exit 3"]
    restart_delay: 1s
    start_limit: 2
    notify: false
`;
		const t = await startHost(yaml, {at: '2026-11-20T10:00:00+08:00', root});
		await t.state('gateway', 'up');
		expect(await t.host.handler('stop-service', {serviceId: 'gateway'})).toMatchObject({ok: true});
		const gateway = await t.state('gateway', 'stopped');
		const backoff = await t.state('broker', 'backoff');
		t.clock.advance(backoff.nextStartAt! - t.clock.now());
		const broker = await t.state('broker', 'fatal');
		await t.close();

		// What the old version kept for feed, removed while it ran and put back: held, nothing saying why.
		const db = new Database(path.join(root.dir, 'data/sage.db'));
		db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('service-hold:feed', JSON.stringify({state: 'stopped', at: Date.parse('2026-11-20T09:30:00+08:00')}));
		db.close();

		const again = await startServiceHost(yaml, {at: '2026-11-20T10:30:00+08:00', root});
		try {
			await again.state('feed', 'up');
			const logged = again.host.scheduler.tail.newest(100, 0, () => true).map(line => line.msg);
			expect(logged).toContain('feed: dropped its hold kept since 09:30:00 (stopped, with no reason kept: left by an older version when the service was removed from jobs.yaml and put back); its window decides again');
			expect(again.view('gateway')).toMatchObject({state: 'stopped', note: gateway.note});
			expect(again.view('broker')).toMatchObject({state: 'fatal', note: broker.note});
			expect(Object.keys(settingsOf(root.dir)).sort()).toEqual(['service-hold:broker', 'service-hold:gateway']);
		} finally {
			await again.close();
		}
	});
});
