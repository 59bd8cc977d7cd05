/**
 * A `sage-console worker` stamps its log lines in the zone of the scheduler it serves (the checkout's
 * jobs.yaml `timezone`), as the scheduler's own log does: with `timezone: America/New_York` they read
 * `…-05:00`, where they were Shanghai's `+08:00` whatever the file said; so do the times the lines
 * carry (a run's `takenAt`, where it was UTC's `…Z`). A real Redis and the built binary.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {finished} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml: `timezone: America/New_York
jobs:
  - {id: remote_true, trigger: manual, command: ["true"], run_on: workers}
  - {id: remote_sleep, trigger: manual, command: ["sleep", "1.5"], run_on: workers}
`, workerArgs: [], workerCount: 1});
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

it('stamps its log lines in jobs.yaml\'s zone, New York\'s', () => {
	const stamps = [...stage.workers[0]!.output().matchAll(/"time":"([^"]+)"/g)].map(match => match[1]);
	expect(stamps.length).toBeGreaterThan(0);
	for (const stamp of stamps) {
		expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0[45]:00$/);
	}
});

it('gives a run\'s takenAt in the same zone', async () => {
	const run = stage.host.scheduler.submit('remote_sleep').run!;
	expect((await finished(stage.host, run.id)).status).toBe('success');
	const going = await waitFor(() => stage.workers[0]!.output().split('\n').find(line => line.includes(`"msg":"run ${run.id} of remote_sleep taken, going"`)), 10_000, 'the run\'s going line');
	expect(going).toMatch(/"takenAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?-0[45]:00"/);
});
