/**
 * Paging through `GET /v1/runs` with `next.before` hands out every run once, in the listing's order,
 * also where run ids do not follow scheduled times: catch-up after a stop writes each job's missed
 * fires in turn (a's 10:00, 10:01, then b's 10:00, 10:01), so a later id can be an earlier fire.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, expect, it} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {api, asController, asReader, tokens, type Json} from './api-fixtures.js';

const jobsYaml = `warm_workers: 0
http:
  listen: "127.0.0.1:0"
jobs:
  - {id: a, cron: "* * * * * *", catch_up: all, misfire_grace: 1h, concurrency: allow, command: ["true"]}
  - {id: b, cron: "* * * * * *", catch_up: all, misfire_grace: 1h, concurrency: allow, command: ["true"]}
`;

let root: TempRoot | undefined;
let host: SchedulerHost | undefined;

afterEach(async () => {
	await host?.close('cancel');
	root?.remove();
	delete process.env.SAGE_API_TOKENS;
});

async function start(): Promise<{host: SchedulerHost; url: string}> {
	host = SchedulerHost.open({paths: resolvePaths({root: root!.dir}), logToStdout: false, schedules: true});
	await host.start();
	return {host, url: host.apiUrl ?? ''};
}

type Row = {id: number; jobId: string; scheduledAt: number};

async function ranBoth(url: string): Promise<boolean> {
	const runs = (await api(url, 'GET', '/v1/runs?status=success', {headers: asReader})).body.runs as Row[];
	return runs.some(run => run.jobId === 'a') && runs.some(run => run.jobId === 'b');
}

it('next.before pages through runs whose ids do not follow their scheduled times, none skipped, none twice', async () => {
	// Given two every-second jobs that have fired, a stop of a few seconds, and a start that catches up on both
	process.env.SAGE_API_TOKENS = tokens;
	root = makeTempRoot({'config/jobs.yaml': jobsYaml});
	const first = await start();
	while (!(await ranBoth(first.url))) {
		await sleep(100);
	}

	await first.host.close('wait');
	host = undefined;
	await sleep(3500);
	const second = await start();
	expect((await api(second.url, 'POST', '/v1/scheduler/pause', {headers: asController})).status).toBe(200);
	for (;;) {
		const live = await api(second.url, 'GET', '/v1/runs?status=running', {headers: asReader});
		const queued = await api(second.url, 'GET', '/v1/runs?status=queued', {headers: asReader});
		if ((live.body.runs as Json[]).length + (queued.body.runs as Json[]).length === 0) {
			break;
		}

		await sleep(100);
	}

	await second.host.scheduler.historyWritten();
	const all = (await api(second.url, 'GET', '/v1/runs?limit=1000', {headers: asReader})).body.runs as Row[];
	const catchUps = all.filter(run => (run as Json).trigger === 'catch-up');
	expect(catchUps.length).toBeGreaterThanOrEqual(4);

	// When a script pages through them two at a time
	const paged: Row[] = [];
	let before: number | undefined;
	for (let page = 0; page < all.length; page++) {
		const answer = await api(second.url, 'GET', `/v1/runs?limit=2${before === undefined ? '' : `&before=${before}`}`, {headers: asReader});
		expect(answer.status).toBe(200);
		paged.push(...answer.body.runs as Row[]);
		before = (answer.body.next as {before: number} | undefined)?.before;
		if (before === undefined) {
			break;
		}
	}

	// Then it has every run once, in the order of the whole list
	expect(paged.map(run => run.id)).toEqual(all.map(run => run.id));
}, 30_000);
