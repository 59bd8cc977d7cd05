/**
 * `POST /v1/jobs/:id/run` with params the job's `params_schema` refuses names the body field, as the
 * schema's own refusals do (`body params.n`), and leaves out the CLI's hint (`on the command line, quote
 * it as JSON: --param …`), which means nothing to a client of the API. A real scheduling host on
 * 127.0.0.1, real HTTP.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {api, asController, expectError, tokens} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(`warm_workers: 0
http: {listen: "127.0.0.1:0"}
jobs:
  - id: bars
    trigger: manual
    command: ["true"]
    params_schema: {symbols: {type: array, required: true}, source: {type: string}}
`, {tokens});
});

afterAll(async () => {
	await h.close();
});

const run = async (body: unknown) => api(h.url, 'POST', '/v1/jobs/bars/run', {headers: asController, body});

it('a param of the wrong type names body params.NAME, without the command line\'s hint', async () => {
	const answer = await run({params: {symbols: ['600519.SH'], source: 7}});
	expectError(answer, 400, 'bad-params');
	expect(answer.body.message).toBe('body params.source must be a string, not number 7 (bars\'s params_schema)');
});

it('an unknown param names it and the known ones; a missing one names what to add', async () => {
	const unknown = await run({params: {symbols: [], sourse: 'tushare'}});
	expectError(unknown, 400, 'bad-params');
	expect(unknown.body.message).toBe('body params has an unknown property "sourse" (bars\'s params_schema knows: symbols, source)');
	const missing = await run({params: {source: 'tushare'}});
	expectError(missing, 400, 'bad-params');
	expect(missing.body.message).toBe('body params needs "symbols" (array), required by bars\'s params_schema');
	expect((await api(h.url, 'GET', '/v1/runs?job=bars', {headers: asController})).body.runs).toEqual([]);
});
