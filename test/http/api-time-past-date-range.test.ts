/**
 * A `since` or `until` in epoch milliseconds past the last instant a Date holds (8.64e15, the year 275760)
 * is 400 naming the field: `/v1/stats?since=8640000000000001` answered 500 `internal` "Invalid time value",
 * and `/v1/runs?until=99999999999999999999` listed every run as if no `until` had been given. The last
 * instant itself is still read as a time. A real scheduling host and its HTTP API.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asReader, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('epoch milliseconds past the last instant a Date holds are 400 naming the field, on /v1/stats and /v1/runs', async () => {
	const past = '8640000000000001';
	const huge = '99999999999999999999';
	for (const [path, field, value] of [
		[`/v1/stats?since=${past}`, 'query since', past],
		[`/v1/stats?until=${huge}`, 'query until', huge],
		[`/v1/runs?since=${huge}`, 'query since', huge],
		[`/v1/runs?until=${huge}`, 'query until', huge],
	] as const) {
		const answer = await api(h.url, 'GET', path, {headers: asReader});
		expectError(answer, 400, 'bad-params');
		expect(answer.body.message, path).toBe(`${field} ${value} is past the last time there is: give epoch milliseconds up to 8640000000000000 (the year 275760), ISO-8601 or YYYY-MM-DD`);
	}

	const last = await api(h.url, 'GET', '/v1/runs?since=8640000000000000', {headers: asReader});
	expect(last).toMatchObject({status: 200, body: {runs: []}});
	expect((await api(h.url, 'GET', '/v1/stats?since=8640000000000000', {headers: asReader})).status).toBeLessThan(500);
});
