/**
 * `q` in a console that schedules, with a run on a worker: the run goes on there at the stop (the next
 * start re-attaches to it), so quitting asks nothing about it. The console asked `1 run live. Quit?
 * w: wait for it (up to 30s) · c: cancel it`, and neither was true: the stop neither waits for a run on
 * a worker nor cancels it. With a local run live too, the question is about that one and says the
 * other goes on. Real parts: a redis-server, one `sage-console worker`, the built console in tmux.
 */
import {describe, expect, it} from 'vitest';
import {redisAndWorkersForFile} from '../helpers/redis-and-workers-for-file.js';
import {binary, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';
import {remoteJobs} from './remote-fixtures.js';

const roots = trackHeadlessProcesses();
const {redis, workers} = redisAndWorkersForFile({when: hasTmux});

const slow = 60_000;

/** A console scheduling a root with a job on workers (first) and a local one; a worker on its queue. */
async function consoleWithWorker() {
	const root = roots.makeRoot({
		...remoteJobs,
		'config/jobs.yaml': `redis: ${redis().url()}
jobs:
  - {id: crunch, trigger: manual, module: jobs/steps.ts, params: {steps: 10, ms: 400}, run_on: workers, queue: analysis}
  - {id: local_sleep, trigger: manual, command: ["sleep", "20"]}
`,
	});
	const worker = await workers.start(root.dir, redis().url(), ['--queues', 'analysis']);
	const s = openTmuxSession('quit', `${binary} --root ${root.dir}; echo console-exited; sleep 120`, 140, 40);
	await s.see(/Workers \(1 online/, slow);
	s.keys('r');
	await s.see(new RegExp(`▶ crunch\\s+[█░]+\\s+\\d+%\\s+on ${worker.name.replaceAll('.', '\\.')}`), slow);
	return {s, worker};
}

describe.skipIf(!hasTmux)('quitting a console with a run on a worker (tmux)', () => {
	it('quits at once: the run goes on on its worker and ends there', async () => {
		const {s, worker} = await consoleWithWorker();
		s.keys('q');
		const screen = await s.see('console-exited', slow);

		expect(screen).not.toContain('Quit?');
		await waitFor(() => /"msg":"run \d+ of crunch success"/.test(worker.output()), slow, 'the run to end on its worker');
	}, 240_000);

	it('asks about the local run only, saying the run on a worker goes on', async () => {
		const {s, worker} = await consoleWithWorker();
		s.keys('Down', 'r');
		await s.see(/▶ local_sleep/, slow);
		s.keys('q');
		await s.see('1 run live (1 more on workers goes on there). Quit?  w: wait for it (up to 30s) · c: cancel it', slow);
		s.keys('c');
		await s.see('console-exited', slow);

		await waitFor(() => /"msg":"run \d+ of crunch success"/.test(worker.output()), slow, 'the run to end on its worker');
	}, 240_000);
});
