/**
 * `GET /v1/export?jobs=,` (a list naming no job) is 400 naming the field, as `?jobs=` is: it answered
 * 200 with no jobs, as if an export of no job had been asked for. A real scheduling host and its HTTP API.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asReader, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('an export of a jobs list naming no job is 400; naming one, it is that job', async () => {
	for (const jobs of [',', ',,']) {
		const answer = await api(h.url, 'GET', `/v1/export?jobs=${jobs}`, {headers: asReader});
		expectError(answer, 400, 'bad-params');
		expect(answer.body.message).toBe(`query jobs names no job, not ${JSON.stringify(jobs)}: give ids, jobs=a,b, or leave it out for every job`);
	}

	const one = await api(h.url, 'GET', '/v1/export?jobs=ok,', {headers: asReader});
	expect(one.status).toBe(200);
	expect((one.body.jobs as Array<{id: string}>).map(job => job.id)).toEqual(['ok']);
});
