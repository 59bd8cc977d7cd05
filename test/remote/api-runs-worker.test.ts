/**
 * The HTTP API's run list (`GET /v1/runs`) names the worker that carried out a run on workers, as
 * `GET /v1/runs/:id`, `history --json` and `show --json` do; a local run has no `worker` key. The list
 * left it out, so a script paging through history could not tell where runs ran. Real parts: a
 * redis-server, the built `--headless` scheduler with its API, one real `sage-console worker`.
 */
import {expect, it} from 'vitest';
import {startHeadlessWithApi} from '../helpers/headless-api.js';
import {redisAndWorkersForFile} from '../helpers/redis-and-workers-for-file.js';
import {trackHeadlessProcesses} from '../helpers/run-cli.js';
import {remoteJobs} from './remote-fixtures.js';

const processes = trackHeadlessProcesses();
const {redis, workers} = redisAndWorkersForFile();

type Listed = {id: number; jobId: string; status: string; worker?: string};

it('GET /v1/runs gives a run on workers its worker, and a local run none', async () => {
	const root = processes.makeRoot({
		...remoteJobs,
		'config/jobs.yaml': `redis: ${redis().url()}
jobs:
  - {id: remote_true, trigger: manual, command: ["true"], run_on: workers}
  - {id: local_true, trigger: manual, command: ["true"]}
`,
	});
	const {url} = await startHeadlessWithApi(processes, root.dir);
	const worker = await workers.start(root.dir, redis().url(), ['--queues', 'default']);
	for (const job of ['remote_true', 'local_true']) {
		const response = await fetch(`${url}/v1/jobs/${job}/run`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'});
		expect(response.status).toBe(202);
	}

	let listed: Listed[] = [];
	const deadline = Date.now() + 30_000;
	while (!(listed.length === 2 && listed.every(run => run.status === 'success')) && Date.now() < deadline) {
		await new Promise(resolve => {
			setTimeout(resolve, 200);
		});
		listed = ((await (await fetch(`${url}/v1/runs`)).json()) as {runs: Listed[]}).runs;
	}

	expect(listed.map(run => run.status)).toEqual(['success', 'success']);
	expect(listed.find(run => run.jobId === 'remote_true')?.worker).toBe(worker.name);
	expect(listed.find(run => run.jobId === 'local_true')).not.toHaveProperty('worker');
}, 120_000);
