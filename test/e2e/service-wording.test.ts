/**
 * What an operator reads about services: a crash loop's restart line counts its exits in words
 * ("1st exit in a row", not "exit 1", which reads as an exit code), `start` of a job's id says it is a
 * job and how to run it, and a manual start of a `fatal` service counts its start limit afresh.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

function state(root: string): string | undefined {
	return statusServices(root)[0]?.state;
}

function serviceRuns(root: string): number {
	return (JSON.parse(runCli(['history', '--json', '--job', 'crashy', '--limit', '100', '--root', root]).stdout) as unknown[]).length;
}

describe('a crash-looping service and the operator', () => {
	it('reads its exits counted in words, is told a job is not a service, and gets a fresh start limit from a manual start', async () => {
		const root = processes.makeRoot({
			'crashy.sh': '#!/bin/sh\necho "crashing" >&2\nexit 1\n',
			'jobs/good.ts': 'export default function run() { return {ok: true}; }\n',
		});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `jobs:
  - {id: good, trigger: manual, module: jobs/good.ts}
services:
  - id: crashy
    command: ["sh", "${root.dir}/crashy.sh"]
    restart_delay: 100ms
    start_limit: 2
    start_limit_interval: 10m
`);
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		await waitFor(() => state(root.dir) === 'fatal' || undefined, 20_000, 'the crash loop to go fatal');
		const log = await waitFor(() => {
			const {stdout} = scheduler.output();
			return stdout.includes('(run 2)') ? stdout : undefined;
		}, 10_000, 'the scheduler\'s log to say so');
		expect(log).toMatch(/crashy restarts in \d\.\d s \(1st exit in a row\)/);
		expect(log).not.toMatch(/\(exit \d+ in a row\)/);
		expect(serviceRuns(root.dir)).toBe(2);

		const wrong = runCli(['start', 'good', '--root', root.dir]);
		expect(wrong).toMatchObject({code: 1, stderr: 'sage-console: good is a job, not a service: sage-console run good\n'});
		expect(runCli(['stop', 'good', '--root', root.dir]).stderr).toContain('good is a job, not a service: a run of it stops with sage-console cancel RUN_ID');
		expect(runCli(['start', 'nothing', '--root', root.dir]).stderr).toContain('no service "nothing"; known: crashy');

		// The operator's start counts afresh: that start and one restart (start_limit 2), then fatal again.
		expect(runCli(['start', 'crashy', '--root', root.dir]).code).toBe(0);
		await waitFor(() => serviceRuns(root.dir) === 4 && state(root.dir) === 'fatal' || undefined, 20_000, 'fatal again after the manual start');
		await new Promise(resolve => {
			setTimeout(resolve, 500);
		});
		expect(serviceRuns(root.dir)).toBe(4);
	}, 60_000);
});
