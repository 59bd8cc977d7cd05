/**
 * `since` and `until` written without an offset (`2026-12-05T07:03:00`) are wall times in the
 * scheduler's zone (jobs.yaml's `timezone`), as a bare date is its midnight there, and as the CLI's
 * `--since` reads them. They were read in the machine's zone: on a box kept in UTC with `timezone:
 * America/New_York`, a range around a run in New York's time missed it by five hours. A real
 * scheduling host on 127.0.0.1, real HTTP.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, asController, asReader, endedRun} from './api-fixtures.js';

const jobsYaml = `timezone: America/New_York
warm_workers: 0
http:
  listen: "127.0.0.1:0"
jobs:
  - {id: ok, trigger: manual, command: ["true"]}
`;

/** `2026-12-05T07:03:40`: the instant's wall time in New York, no offset. */
const newYorkWall = (ms: number) => new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
}).format(ms).replace(' ', 'T');

const h = apiHostForFile(jobsYaml);

it('/v1/runs reads since and until without an offset in the scheduler\'s zone, New York\'s', async () => {
	const started = await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController});
	expect(started.status).toBe(202);
	const run = await endedRun(h.url, started.body.runId as number);
	const at = run.scheduledAt as number;
	const ids = async (query: string) => {
		const answer = await api(h.url, 'GET', `/v1/runs?job=ok&${query}`, {headers: asReader});
		expect(answer.status).toBe(200);
		return (answer.body.runs as Array<{id: number}>).map(listed => listed.id);
	};

	expect(await ids(`since=${newYorkWall(at - 60_000)}&until=${newYorkWall(at + 60_000)}`)).toEqual([run.id]);
	expect(await ids(`since=${newYorkWall(at + 60_000)}`)).toEqual([]);
	// With its offset it is that instant, as before
	expect(await ids(`since=${encodeURIComponent(new Date(at - 60_000).toISOString())}`)).toEqual([run.id]);
});
