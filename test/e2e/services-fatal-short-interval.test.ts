/**
 * A crash loop judged over a start limit interval of less than a minute says that interval: the log
 * read "it exited 2 times within 0 min" for `start_limit_interval: 30s`.
 */
import {describe, expect, it} from 'vitest';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

describe('a service fatal over a start limit interval of 30 s', () => {
	it('names the interval as 30s in the scheduler\'s log', async () => {
		const root = processes.makeRoot({'crashy.sh': '#!/bin/sh\nexit 1\n'});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `services:
  - id: crashy
    command: ["sh", "${root.dir}/crashy.sh"]
    restart_delay: 100ms
    start_limit: 2
    start_limit_interval: 30s
`);
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		await waitFor(() => statusServices(root.dir).find(service => service.id === 'crashy' && service.state === 'fatal'), 20_000, 'crashy fatal');
		const line = await waitFor(() => scheduler.output().stdout.split('\n').find(text => text.includes('crashy is fatal')), 10_000, 'the fatal line in the log');
		expect(line).toContain('crashy is fatal: it exited 2 times within 30s (start_limit 2); not restarted until a manual start');
	}, 60_000);
});
