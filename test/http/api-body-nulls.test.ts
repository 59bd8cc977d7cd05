/**
 * A JSON body's values are checked as they were sent: `{"trade_date": null}` was turned into "" by the
 * schema's type coercion and refused as `not ""`, a number as the text it became, and `{"jobs": "x"}`
 * was read as `["x"]`. Each refusal now says what was sent and what is wanted; a param of the job's
 * `params_schema` sent as null says `not null` (it said `not null null`). A real scheduling host on
 * 127.0.0.1, real HTTP.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, expectError} from './api-fixtures.js';

const h = apiHostForFile(`${apiJobs}  - id: bars
    trigger: manual
    command: ["true"]
    params_schema: {source: {type: string}}
`);

const refusal = async (route: string, body: unknown, method = 'POST') => {
	const answer = await api(h.url, method, route, {headers: asController, body});
	expectError(answer, 400, 'bad-params');
	return answer.body.message;
};

it('a null or a number for trade_date is refused naming the value sent and a date as what is wanted', async () => {
	expect(await refusal('/v1/jobs/ok/run', {trade_date: null})).toBe('body trade_date must be a date (YYYY-MM-DD), not null');
	expect(await refusal('/v1/jobs/ok/run', {trade_date: 20_261_120})).toBe('body trade_date must be a date (YYYY-MM-DD), not 20261120');
	expect(await refusal('/v1/jobs/ok/run', {trade_date: false})).toBe('body trade_date must be a date (YYYY-MM-DD), not false');
	expect(await refusal('/v1/jobs/ok/run', {params: null})).toBe('body params must be an object, not null');
	expect((await api(h.url, 'GET', '/v1/runs?job=ok', {headers: asController})).body.runs).toEqual([]);
});

it('a params_schema param sent as null is refused as null, once', async () => {
	expect(await refusal('/v1/jobs/bars/run', {params: {source: null}})).toBe('body params.source must be a string, not null (bars\'s params_schema)');
});

it('an import whose jobs is not a list names jobs, not a first item made of it; jobs.yaml is untouched', async () => {
	const file = path.join(h.root.dir, 'config/jobs.yaml');
	const before = readFileSync(file, 'utf8');
	expect(await refusal('/v1/import', {jobs: 'x'})).toBe('body must be a string, or body jobs must be an array');
	expect(await refusal('/v1/import', {jobs: null})).toBe('body must be a string, or body jobs must be an array');
	expect(readFileSync(file, 'utf8')).toBe(before);
});
