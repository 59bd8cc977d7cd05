/**
 * The longest id jobs.yaml takes is one the API can address: a job or heartbeat of 200 characters is
 * read, run, paused and pinged through its path, and jobs.yaml refuses a longer id of a job or a
 * service, naming it and the limit, where it took one that no route could reach (past the ids'
 * schemas, 200, and the router's 256). A real scheduling host on 127.0.0.1, real HTTP.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, asController, asReader, endedRun, expectError, type Json} from './api-fixtures.js';

const longest = 'l'.repeat(200);
const beat = `b${'e'.repeat(198)}t`;
const h = apiHostForFile(`warm_workers: 0
http: {listen: "127.0.0.1:0"}
jobs:
  - {id: ${longest}, trigger: manual, command: ["true"]}
  - {id: ${beat}, cron: "0 16 * * *", heartbeat: true, grace: 10m}
`);

it('a job and a heartbeat with 200-character ids are read, run, paused and pinged through the API', async () => {
	const job = await api(h.url, 'GET', `/v1/jobs/${longest}`, {headers: asReader});
	expect({status: job.status, id: (job.body.job as Json).id}).toEqual({status: 200, id: longest});
	const run = await api(h.url, 'POST', `/v1/jobs/${longest}/run`, {headers: asController});
	expect(run.status).toBe(202);
	expect(await endedRun(h.url, run.body.runId as number)).toMatchObject({jobId: longest, status: 'success'});
	expect(await api(h.url, 'POST', `/v1/jobs/${longest}/pause`, {headers: asController})).toEqual({status: 200, body: {changed: true, stopped: {runs: [], attempts: []}}});
	expect((await api(h.url, 'POST', `/v1/heartbeats/${beat}`, {headers: asController})).body).toMatchObject({job: beat, state: 'up'});
});

it('jobs.yaml with a job or a service id past 200 characters is refused naming each and the limit; the jobs loaded stay', async () => {
	const file = path.join(h.root.dir, 'config/jobs.yaml');
	const text = readFileSync(file, 'utf8');
	const job = 'j'.repeat(201);
	const service = 's'.repeat(250);
	writeFileSync(file, `${text}  - {id: ${job}, trigger: manual, command: ["true"]}\nservices:\n  - {id: ${service}, command: ["sleep", "60"]}\n`);
	const reload = await api(h.url, 'POST', '/v1/reload', {headers: asController});
	expectError(reload, 422, 'invalid-config');
	expect((reload.body.problems as Array<{line: number; message: string}>).map(({line, message}) => ({line, message}))).toEqual([
		{line: 6, message: `id "${'j'.repeat(40)}..." is 201 characters long; an id has at most 200, the longest the HTTP API can address (/v1/jobs/ID)`},
		{line: 8, message: `id "${'s'.repeat(40)}..." is 250 characters long; an id has at most 200, the longest the HTTP API can address (/v1/services/ID)`},
	]);
	expect((await api(h.url, 'GET', '/v1/jobs', {headers: asReader})).body.jobs).toHaveLength(2);
	writeFileSync(file, text);
});
