/**
 * A service's id given to a job's command (`run`, `pause`, `resume`) is named as a service, with the
 * commands that steer it, as `start JOB` names a job: it said `no job "feed"; known: tick`, as if the
 * id were a typo; `run` with no scheduler, which runs a job in the foreground, says a scheduler keeps it
 * up. With the built CLI and a headless scheduler supervising a real service.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

describe('a job\'s command given a service', () => {
	it('says it is a service and how to steer it', async () => {
		const root = processes.makeRoot({'feed.sh': '#!/bin/sh\nwhile :; do sleep 0.2; done\n'});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `jobs:
  - {id: tick, trigger: manual, command: ["true"]}
services:
  - {id: feed, command: ["sh", "${root.dir}/feed.sh"]}
`);
		// With no scheduler, run would run a job in the foreground: a service is not run so.
		const foreground = runCli(['run', 'feed', '--root', root.dir]);
		expect(foreground.code).not.toBe(0);
		expect(foreground.stderr).toContain('"feed" is a service, not a job: start a scheduler');

		await schedulerStarted(processes.start(root.dir));
		for (const verb of ['run', 'pause', 'resume']) {
			const result = runCli([verb, 'feed', '--root', root.dir]);
			expect(result.code, verb).not.toBe(0);
			expect(result.stderr, verb).toContain('"feed" is a service, not a job: sage-console start|stop|restart feed');
		}

		// A job's id that is neither still lists the jobs.
		expect(runCli(['run', 'nosuch', '--root', root.dir]).stderr).toContain('no job "nosuch"; known: tick');
	}, 60_000);
});
