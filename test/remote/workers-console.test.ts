/**
 * Workers in the console, with real parts: a redis-server on a free port, the built
 * `sage-console --headless` scheduling a `run_on: workers` job, one real `sage-console worker`, and
 * the built console in tmux attached to the scheduler. Given that, the workers section shows the
 * worker online with its queue; a run of the job shows the worker's name in the running panel, on
 * the worker's row and in the run's detail.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {describe, expect, it} from 'vitest';
import {redisAndWorkersForFile} from '../helpers/redis-and-workers-for-file.js';
import {binary, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {remoteJobs} from './remote-fixtures.js';

const processes = trackHeadlessProcesses();
const {redis, workers} = redisAndWorkersForFile({when: hasTmux});

/** Generous: CI runs ~85 test files on 2 cores at once. */
const slow = 60_000;

describe.skipIf(!hasTmux)('workers in the console (tmux, attached to --headless)', () => {
	it('shows the worker online with its queue; a run on it names the worker in running, on its row and in the detail', async () => {
		const root = processes.makeRoot({
			...remoteJobs,
			'config/jobs.yaml': `redis: ${redis().url()}
jobs:
  - {id: crunch, trigger: manual, module: jobs/steps.ts, params: {steps: 120, ms: 500}, run_on: workers, queue: analysis}
  - {id: local_tick, trigger: manual, command: ["true"]}
`,
		});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const worker = await workers.start(root.dir, redis().url(), ['--queues', 'analysis']);
		const name = worker.name.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const s = openTmuxSession('workers', `${binary} --root ${root.dir}; sleep 120`, 120, 40);
		const workerRow = () => s.rows().find(line => line.includes(worker.name) && /online|offline|stopping/.test(line)) ?? '';
		await s.see(attachedHeader(), slow);
		await s.see('Workers (1 online)', slow);
		await s.see(/Workers \(1 online\) ─+ redis redis:\/\/127\.0\.0\.1:\d+\/0 · analysis 0 waiting 0 running/, slow);
		// (its version between: test/remote/workers-console-versions.test.ts)
		expect(workerRow()).toMatch(new RegExp(`● ${name}\\s+online\\s+\\S+\\s+queues analysis\\s+seen \\d\\d:\\d\\d:\\d\\d runs 0/1`));

		// r on the first job (crunch, run_on: workers): the run goes to the worker, which the console names.
		s.keys('r');
		const runningRow = new RegExp(`▶ crunch\\s+[█░]+\\s+\\d+%\\s+on ${name} · step \\d+\\s+\\d+s\\s+run (\\d+)`);
		const runId = runningRow.exec(await s.see(runningRow, slow))![1];
		await s.see(`runs 1/1: crunch#${runId}`, slow);
		expect(workerRow()).toContain(`runs 1/1: crunch#${runId}`);

		s.keys('Tab', 'Enter');
		const detail = await s.see(`Run ${runId} · crunch`, slow);
		expect(detail).toMatch(new RegExp(`worker\\s+${name}`));
	}, 240_000);
});
