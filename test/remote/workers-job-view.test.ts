/**
 * Where a job runs, told where its settings are shown: a `run_on: workers` job's view in the console
 * reads `on workers (worker queue analysis)` beside its queue and priority, and `status --json` gives
 * it `"workers": "analysis"`; a local job's has neither. Its view said only `queue default · priority
 * medium · module jobs/steps.ts`, as if it ran on the console's machine. Real parts: a redis-server,
 * the built console in tmux, the built CLI.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RedisServer} from '../helpers/redis-server.js';
import {binary, runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {remoteJobs} from './remote-fixtures.js';

const roots = trackHeadlessProcesses();
let redis: RedisServer | undefined;

beforeAll(async () => {
	if (hasTmux) {
		redis = await RedisServer.start();
	}
}, 60_000);

afterAll(async () => {
	await redis?.remove();
}, 30_000);

const slow = 60_000;

describe.skipIf(!hasTmux)('a run_on: workers job says so (tmux)', () => {
	it('in its job view and in status --json; a local job does not', async () => {
		const root = roots.makeRoot({
			...remoteJobs,
			'config/jobs.yaml': `redis: ${redis!.url()}
jobs:
  - {id: crunch, trigger: manual, module: jobs/steps.ts, run_on: workers, workers: analysis}
  - {id: local_tick, trigger: manual, command: ["true"]}
`,
		});
		const s = openTmuxSession('job-view', `${binary} --root ${root.dir}; sleep 120`, 140, 40);
		await s.see('Workers (0 online)', slow);
		s.keys('Enter');
		const crunchView = await s.see(/Job crunch[\s\S]*schedule\s+manual\s+queue/, slow);
		expect(crunchView).toMatch(/schedule\s+manual\s+queue default · priority medium · on workers \(worker queue analysis\) · module jobs\/steps\.ts/);

		s.keys('Escape');
		await s.see('▌Jobs (2)', slow);
		s.keys('Down');
		await s.see(/›● local_tick/, slow);
		s.keys('Enter');
		const localView = await s.see(/Job local_tick[\s\S]*schedule\s+manual\s+queue/, slow);
		expect(localView).toMatch(/queue default · priority medium · command/);
		expect(localView).not.toContain('on workers');

		const status = runCli(['status', '--json', '--root', root.dir]);
		const jobs = (JSON.parse(status.stdout) as {jobs: Array<{id: string; workers?: string}>}).jobs;
		expect(jobs.find(job => job.id === 'crunch')?.workers).toBe('analysis');
		expect(jobs.find(job => job.id === 'local_tick')).not.toHaveProperty('workers');
	}, 240_000);
});
