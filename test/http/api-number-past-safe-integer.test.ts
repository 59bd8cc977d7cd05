/**
 * A whole number past 2^53 in a JSON body (a 20-digit order id among a run's params, a job's default
 * params, an import) is 400 naming the field: JSON.parse keeps none exactly, and the run got
 * 12345678901234567000 for 12345678901234567891 (jobs.yaml would have been written with it). Sent as a
 * string it reaches the run as sent. A real scheduling host and its HTTP API.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, asReader, endedRun, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

const big = '12345678901234567891';
const said = (name: string) => `${name} is a whole number past 9007199254740991, which JSON does not keep exactly (it reads as 12345678901234567000): send it as a string`;

it('a whole number past 2^53 in a body is refused naming its field; as a string it is kept', async () => {
	const refused = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, raw: `{"params": {"order": ${big}}}`, type: 'application/json'});
	expectError(refused, 400, 'bad-params');
	expect(refused.body.message).toBe(said('body params.order'));

	const put = await api(h.url, 'PUT', '/v1/jobs/orders?dry_run=1', {headers: asController, raw: `{"trigger": "manual", "command": ["true"], "params": {"ids": [1, ${big}]}}`, type: 'application/json'});
	expectError(put, 400, 'bad-params');
	expect(put.body.message).toBe(said('body params.ids[1]'));

	const started = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, body: {params: {order: big}}});
	expect(started.status).toBe(202);
	await endedRun(h.url, started.body.runId as number);
	const run = await api(h.url, 'GET', `/v1/runs/${String(started.body.runId)}`, {headers: asReader});
	expect((run.body.run as {params?: unknown}).params).toEqual({order: big});
});
