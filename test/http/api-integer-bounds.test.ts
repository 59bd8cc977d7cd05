/**
 * An integer past 2^53 in a path or query is refused naming the field's own bound, as the schema names it
 * for a smaller number past it: `?limit=99999999999999999999` said `query limit must be <= 9007199254740991`,
 * though limit takes at most 1000 (`?limit=1001` says so), and a huge negative run id said `<=` of a number
 * below the least one it takes. A real scheduling host and its HTTP API.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asReader, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('a path or query integer past 2^53 is refused with the field\'s own bound on its side', async () => {
	const huge = '99999999999999999999';
	const refusals: Array<[string, string]> = [
		[`/v1/runs?limit=${huge}`, `query limit must be <= 1000, not ${huge}`],
		[`/v1/runs?limit=-${huge}`, `query limit must be >= 1, not -${huge}`],
		[`/v1/runs/-${huge}`, `params id must be >= 1, not -${huge}`],
		[`/v1/runs/1/log?max_bytes=${huge}`, `query max_bytes must be <= 4194304, not ${huge}`],
		[`/v1/runs/${huge}`, `params id must be <= 9007199254740991, not ${huge}`],
	];
	for (const [path, message] of refusals) {
		const answer = await api(h.url, 'GET', path, {headers: asReader});
		expectError(answer, 400, 'bad-params');
		expect(answer.body.message, path).toBe(message);
	}

	// The same fields' bounds, said by the schema of a number it reads as sent.
	expect((await api(h.url, 'GET', '/v1/runs?limit=1001', {headers: asReader})).body.message).toBe('query limit must be <= 1000, not 1001');
});
