/**
 * `GET /v1/runs/:id` of a queued run says why it waits (`waitingFor`), as `show RUN` and `/v1/status`'s
 * `live[]` say it; it gave the record alone, a run with no start and no word. A real scheduling host
 * on 127.0.0.1, real HTTP.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, asController, asReader, endedRun} from './api-fixtures.js';

const h = apiHostForFile(`warm_workers: 0
http:
  listen: "127.0.0.1:0"
jobs:
  - {id: report, trigger: manual, concurrency: queue, command: ["sh", "-c", "while [ ! -f go ]; do sleep 0.1; done"]}
`);

it('names what a queued run waits for, and nothing once it runs', async () => {
	const first = (await api(h.url, 'POST', '/v1/jobs/report/run', {headers: asController})).body.runId as number;
	const second = (await api(h.url, 'POST', '/v1/jobs/report/run', {headers: asController})).body.runId as number;
	// Run 1 going, run 2 queued behind it (polled: the first run starts on the scheduler's next turn).
	let queued: Record<string, unknown> | undefined;
	while (queued === undefined) {
		const {body} = await api(h.url, 'GET', `/v1/runs/${second}`, {headers: asReader});
		const going = (await api(h.url, 'GET', `/v1/runs/${first}`, {headers: asReader})).body.run as {status: string};
		if (going.status === 'running' && (body.run as {status: string}).status === 'queued') {
			queued = body;
		}
	}

	expect(queued.waitingFor).toBe(`waits for run ${first} report to end (one run of report at a time, concurrency: queue)`);

	h.root.write('go', '');
	await endedRun(h.url, second);
	expect((await api(h.url, 'GET', `/v1/runs/${second}`, {headers: asReader})).body.waitingFor).toBeUndefined();
});
