/**
 * A service's output file deleted while it runs (a cleaning job, a hand in logs/): the service writes
 * on into the deleted file, which takes disk space nobody sees, is never rotated and cannot be read by
 * `logs`. The log says so, naming the file and what to do (restart the service); nothing told
 * it before, the file was just gone. A real SchedulerHost, a real process, real files.
 */
import {rmSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('an output file deleted under a running service', () => {
	it('is said in the log', async () => {
		const root = makeTempRoot({'ticker.sh': '#!/bin/sh\nwhile :; do echo tick; sleep 0.2; done\n'});
		const t = await startHost(`services:
  - id: ticker
    command: ["sh", "${root.dir}/ticker.sh"]
`, {at: '2026-11-20T10:00:00+08:00', root});
		const {pid} = await t.state('ticker', 'up');
		rmSync(path.join(root.dir, 'logs/services/ticker.log'));

		const said = () => t.host.scheduler.tail.newest(500, 0, () => true).map(line => line.msg).filter(msg => msg.startsWith('ticker.log was deleted'));
		await waitFor(() => said().length > 0, 20_000, 'the deleted file to be said');
		expect(said()).toEqual([`ticker.log was deleted while ticker runs (pid ${pid}): it writes on into the deleted file, which takes disk space unseen, is not rotated and cannot be read; restart ticker to give it a new one`]);
	}, 60_000);
});
