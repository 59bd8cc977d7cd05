/**
 * `/v1/jobs` and `/v1/status` while the whole scheduler is paused: nothing fires, so no job has a next
 * fire (it stood still and slipped into the past), as for a paused job; the jobs it holds say so, and
 * resumed, their next fires are back and ahead. A real host, real HTTP.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, asController, asReader, type Json} from './api-fixtures.js';

const h = apiHostForFile(`warm_workers: 0
http:
  listen: "127.0.0.1:0"
jobs:
  - {id: hourly, cron: "0 * * * *", command: ["true"]}
  - {id: by_hand, trigger: manual, command: ["true"]}
`);

type JobRow = {id: string; paused: boolean; nextFireAt?: number; heldBySchedulerPause?: boolean};

async function jobRows(path: string): Promise<JobRow[]> {
	const {body} = await api(h.url, 'GET', path, {headers: asReader});
	const jobs = (body.jobs ?? (body.snapshot as Json | undefined)?.jobs) as JobRow[];
	return jobs.map(({id, paused, nextFireAt, heldBySchedulerPause}) => ({id, paused, nextFireAt, heldBySchedulerPause}));
}

it('no next fire while the whole scheduler is paused, the held jobs saying so; back and ahead once it is resumed', async () => {
	expect(await jobRows('/v1/jobs')).toEqual([
		{id: 'hourly', paused: false, nextFireAt: expect.any(Number) as number, heldBySchedulerPause: undefined},
		{id: 'by_hand', paused: false, nextFireAt: undefined, heldBySchedulerPause: undefined},
	]);
	expect((await api(h.url, 'POST', '/v1/scheduler/pause', {headers: asController})).status).toBe(200);
	const held = [
		{id: 'hourly', paused: false, nextFireAt: undefined, heldBySchedulerPause: true},
		{id: 'by_hand', paused: false, nextFireAt: undefined, heldBySchedulerPause: undefined},
	];
	expect(await jobRows('/v1/jobs')).toEqual(held);
	expect(await jobRows('/v1/status')).toEqual(held);
	expect((await api(h.url, 'POST', '/v1/scheduler/resume', {headers: asController})).status).toBe(200);
	const [hourly] = await jobRows('/v1/jobs');
	expect(hourly!.nextFireAt).toBeGreaterThan(Date.now());
	expect(hourly!.heldBySchedulerPause).toBeUndefined();
});
