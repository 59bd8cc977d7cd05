/**
 * The built `sage-console --headless` with a service, killed with -9; jobs.yaml changes the service's
 * command while no scheduler runs; the next scheduler adopts the old process and, as a reload would,
 * restarts it with the new command. It kept the old one up for good, status saying `up` as if the
 * file were in force. An unchanged service is adopted and left as it is.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {waitFor} from '../helpers/wait-for.js';
import {processesWith} from '../supervisor/service-host.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

describe('a service whose command changed while its scheduler was down', () => {
	it('is restarted with the new command by the next scheduler; one left unchanged is adopted as it is', async () => {
		const root = processes.makeRoot({'gateway.sh': '#!/bin/sh\necho "gateway $1 up"\nwhile :; do sleep 1; done\n'});
		const script = `${root.dir}/gateway.sh`;
		serviceProcesses.watch(root.dir);
		const yaml = (version: string) => `services:
  - id: gateway
    command: ["sh", "${script}", "${version}"]
    stop_timeout: 3s
  - id: feed
    command: ["sh", "${script}", "feed"]
`;
		root.write('config/jobs.yaml', yaml('v1'));
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		const [old] = await waitFor(() => {
			const found = processesWith(`${script}\0v1`);
			return found.length === 1 ? found : undefined;
		}, 20_000, 'gateway v1 to start');
		const [feed] = await waitFor(() => {
			const found = processesWith(`${script}\0feed`);
			return found.length === 1 ? found : undefined;
		}, 20_000, 'feed to start');
		first.child.kill('SIGKILL');
		await first.exited;

		root.write('config/jobs.yaml', yaml('v2'));
		const second = processes.start(root.dir);
		await schedulerStarted(second);
		const [fresh] = await waitFor(() => {
			const found = processesWith(`${script}\0v2`);
			return found.length === 1 && processesWith(`${script}\0v1`).length === 0 ? found : undefined;
		}, 15_000, 'gateway v2 to run instead of v1');
		expect(fresh).not.toBe(old);
		expect(processesWith(`${script}\0feed`)).toEqual([feed]);
		expect(second.output().stdout).toContain('its command, module, cwd or env changed in jobs.yaml since it started: restarting it');
		const history = JSON.parse(runCli(['history', '--json', '--job', 'gateway', '--root', root.dir]).stdout) as Array<{status: string; message?: string}>;
		expect(history.map(run => [run.status, run.message])).toEqual([
			['running', 'restart after a config change'],
			['success', 'stopped (config)'],
		]);
	}, 90_000);
});
