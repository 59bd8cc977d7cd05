/**
 * `sage-console restart SERVICE` names the stop signal and the timeout before SIGKILL, as
 * `stop SERVICE` does: with the built CLI, a headless scheduler and a real service process.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {headlessWithFeed} from '../helpers/headless-feed.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {serviceLogShows} from '../helpers/service-log.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

describe('restart of a service', () => {
	it('says how the process is stopped, as stop does', async () => {
		const {root, log} = await headlessWithFeed(processes, serviceProcesses, '#!/bin/sh\ntrap "exit 0" INT\necho "feed up"\nwhile :; do sleep 0.2; done\n', {fields: ['stop_signal: SIGINT', 'stop_timeout: 7s']});
		await serviceLogShows(root.dir, 'feed', 'feed up', 'the service to start');
		const restarted = runCli(['restart', 'feed', '--root', root.dir]);
		expect(restarted).toMatchObject({code: 0, stdout: 'feed restarting (SIGINT, then SIGKILL after 7 s)\n'});
		await waitFor(() => readFileSync(log, 'utf8').split('feed up').length === 3, 20_000, 'its second start');
		expect(runCli(['stop', 'feed', '--root', root.dir]).stdout).toBe('feed stopping (SIGINT, then SIGKILL after 7 s)\n');
	}, 60_000);
});
