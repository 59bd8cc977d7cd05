/**
 * `sage_job_next_fire_timestamp_seconds` while the whole scheduler is paused: nothing fires, so no next
 * fire is shown (a Grafana panel or a "next fire is overdue" rule would otherwise read a time that
 * slips into the past). Resumed, the jobs' next fires are back. A real host, real HTTP, the text parsed.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, asController, asReader} from '../http/api-fixtures.js';
import {parsePrometheusText, sampleValue} from './prometheus-text.js';

const h = apiHostForFile(`warm_workers: 0
http:
  listen: "127.0.0.1:0"
jobs:
  - {id: nightly, cron: "0 3 * * *", command: ["true"]}
  - {id: hourly, cron: "0 * * * *", command: ["true"]}
`);

async function nextFires(): Promise<Record<string, number | undefined>> {
	const text = await (await fetch(`${h.url}/metrics`, {headers: asReader})).text();
	const metrics = parsePrometheusText(text);
	return Object.fromEntries(['nightly', 'hourly'].map(job => [job, sampleValue(metrics, 'sage_job_next_fire_timestamp_seconds', {job})]));
}

it('no next fire while the whole scheduler is paused; back once it is resumed', async () => {
	expect(await nextFires()).toEqual({nightly: expect.any(Number) as number, hourly: expect.any(Number) as number});
	expect((await api(h.url, 'POST', '/v1/scheduler/pause', {headers: asController})).status).toBe(200);
	expect(await nextFires()).toEqual({nightly: undefined, hourly: undefined});
	expect((await api(h.url, 'POST', '/v1/scheduler/resume', {headers: asController})).status).toBe(200);
	const resumed = await nextFires();
	expect(resumed.hourly).toBeGreaterThan(Date.now() / 1000);
	expect(resumed.nightly).toBeGreaterThan(Date.now() / 1000);
});
