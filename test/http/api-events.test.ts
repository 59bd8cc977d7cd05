/** `GET /v1/events`: the protocol's events over SSE, a snapshot first, and Last-Event-ID resume. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {api, apiJobs, asController, asReader, endedRun, tokens} from './api-fixtures.js';
import {SseReader, startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs, {tokens});
});

afterAll(async () => {
	await h.close();
});

const ofRun = (runId: number, name: string) => (event: {event: string; data: unknown}) => event.event === name && (event.data as {id?: number}).id === runId;

describe('server-sent events', () => {
	it('a snapshot first, then run events as they happen; a reconnect with Last-Event-ID gets exactly what it missed', async () => {
		const first = new SseReader(`${h.url}/v1/events`, asReader);
		expect(await first.open()).toBe(200);
		await first.waitFor(event => event.event === 'snapshot');
		expect(first.events[0]).toMatchObject({event: 'snapshot', data: {scheduler: {paused: false}}});
		const runA = (await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController})).body.runId as number;
		await first.waitFor(ofRun(runA, 'run-finished'));
		const names = first.events.filter(event => (event.data as {id?: number}).id === runA).map(event => event.event);
		expect(names).toEqual(['run-queued', 'run-started', 'run-finished']);
		const lastId = first.events.at(-1)!.id!;
		await first.close();

		// While nobody listens, another run comes and goes.
		const runB = (await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController})).body.runId as number;
		await endedRun(h.url, runB);
		const resumed = new SseReader(`${h.url}/v1/events?events=run-queued,run-started,run-finished`, {...asReader, 'last-event-id': lastId});
		await resumed.open();
		await resumed.waitFor(ofRun(runB, 'run-finished'));
		expect(resumed.events.some(event => event.event === 'snapshot')).toBe(false);
		expect(resumed.events.map(event => `${event.event}:${(event.data as {id: number}).id}`)).toEqual([`run-queued:${runB}`, `run-started:${runB}`, `run-finished:${runB}`]);
		const ids = resumed.events.map(event => Number(event.id));
		expect(ids.every(id => id > Number(lastId))).toBe(true);
		expect([...ids].sort((a, b) => a - b)).toEqual(ids);
		await resumed.close();
	});

	it('an id the journal no longer holds starts again from a snapshot; no token is 401', async () => {
		const stale = new SseReader(`${h.url}/v1/events`, {...asReader, 'last-event-id': '999999'});
		await stale.open();
		await stale.waitFor(event => event.event === 'snapshot');
		await stale.close();
		expect(await new SseReader(`${h.url}/v1/events`, {}).open()).toBe(401);
	});

	it('a job alert reaches SSE followers', async () => {
		const follower = new SseReader(`${h.url}/v1/events?events=job-alert`, asReader);
		await follower.open();
		await api(h.url, 'POST', '/v1/heartbeats/beat', {headers: asController});
		await api(h.url, 'POST', '/v1/heartbeats/beat/fail', {headers: asController});
		await follower.waitFor(event => event.event === 'job-alert');
		expect(follower.events.find(event => event.event === 'job-alert')).toMatchObject({data: {jobId: 'beat', kind: 'heartbeat-down'}});
		await follower.close();
	});
});
