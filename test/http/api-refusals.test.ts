/**
 * What the API says when a request is wrong, as an operator with curl meets it: the field and what it
 * may be, the unknown name and the known ones. A real scheduling host on 127.0.0.1, real HTTP.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {api, apiJobs, asReader, expectError, tokens} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs, {tokens});
});

afterAll(async () => {
	await h.close();
});

describe('refusals say what was wrong', () => {
	it('?events= with a misspelt event name is 400 naming it and the events the stream carries', async () => {
		const typo = await api(h.url, 'GET', '/v1/events?events=run-finished,bogus', {headers: asReader});
		expectError(typo, 400, 'bad-params');
		expect(typo.body.message).toMatch(/^events names an unknown event "bogus"; known: snapshot, run-queued, run-started, .*run-finished.*job-alert/);
		// An opt-in protocol event feeds the metrics, never the stream: naming it would stream nothing.
		expect((await api(h.url, 'GET', '/v1/events?events=fired,nope', {headers: asReader})).body.message).toMatch(/^events names unknown events "fired", "nope"; known: /);
	});
});
