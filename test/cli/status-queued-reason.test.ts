/**
 * `status` says why each queued run waits, in its MESSAGE (`waitingFor` in `--json`): its queue's limit
 * reached (naming the runs that hold it), every max_parallel slot taken (also after a reload lowered
 * it), or its own job's run still going. It listed them as `queued` with nothing more, so a run stuck
 * behind a queue limit looked like a scheduler that had stopped starting runs.
 * Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const hold = 'command: ["sh", "-c", "while [ ! -f go ]; do sleep 0.2; done"]';
const jobsYaml = (maxParallel: number) => `max_parallel: ${maxParallel}
queues: {data: 1}
jobs:
  - {id: bars, trigger: manual, queue: data, ${hold}}
  - {id: quotes, trigger: manual, queue: data, command: ["true"]}
  - {id: report, trigger: manual, concurrency: queue, ${hold}}
`;

type Queued = {runId: number; jobId: string; waitingFor?: string};

it('names what each queued run waits for', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml(4)});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const queued = () => (JSON.parse(cli('status', '--json').stdout) as {queued: Queued[]}).queued;
	for (const job of ['bars', 'quotes', 'report', 'report']) {
		expect(cli('run', job, '--detach').code).toBe(0);
	}

	// Runs 1 (bars) and 3 (report) go; 2 waits for queue data, 4 for run 3 of its own job.
	const waiting = await waitFor(() => queued().length === 2 && queued(), 30_000, 'runs 2 and 4 to wait');
	expect(waiting).toEqual([
		{runId: 2, jobId: 'quotes', trigger: 'manual', waitingFor: 'waits for queue data: 1 of its limit 1 running (run 1 bars)'},
		{runId: 4, jobId: 'report', trigger: 'manual', waitingFor: 'waits for run 3 report to end (one run of report at a time, concurrency: queue)'},
	]);
	expect(cli('status').stdout).toMatch(/^2 +quotes +queued +waits for queue data: 1 of its limit 1 running \(run 1 bars\)$/m);

	// A reload to max_parallel 2: every slot is taken now, and quotes says so.
	root.write('config/jobs.yaml', jobsYaml(2));
	expect(cli('reload').stdout).toContain('max_parallel 4 → 2');
	expect(queued()[0]).toMatchObject({runId: 2, waitingFor: 'waits for a slot: 2 of max_parallel 2 running'});
	root.write('go', '');
}, 90_000);
