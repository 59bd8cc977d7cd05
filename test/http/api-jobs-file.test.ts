/** jobs.yaml through the API: export, import round trip keeping comments, PUT and DELETE a job. */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {api, apiJobs, asController, asReader, expectError, tokens, type Json} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';

let h: ApiHost;
const jobsFile = () => readFileSync(path.join(h.root.dir, 'config/jobs.yaml'), 'utf8');

beforeAll(async () => {
	h = await startApiHost(apiJobs, {tokens});
});

afterAll(async () => {
	await h.close();
});

describe('export and import', () => {
	it('exports the definitions as written plus the pause state, as JSON or YAML, all or some', async () => {
		await api(h.url, 'POST', '/v1/jobs/nightly/pause', {headers: asController});
		const all = (await api(h.url, 'GET', '/v1/export', {headers: asReader})).body;
		expect((all.jobs as Json[]).map(job => job.id)).toEqual(['ok', 'slow', 'fails', 'nightly', 'beat']);
		expect(all.paused).toEqual(['nightly']);
		expect((all.jobs as Json[])[3]).toEqual({id: 'nightly', cron: '0 3 * * *', command: ['true']});
		const yaml = await fetch(`${h.url}/v1/export?format=yaml&jobs=ok,beat`, {headers: asReader});
		expect(yaml.headers.get('content-type')).toContain('application/yaml');
		expect(parse(await yaml.text())).toEqual({jobs: [{id: 'ok', trigger: 'manual', command: ['sh', '-c', 'echo hello; echo world']}, {id: 'beat', cron: '0 16 * * *', calendar: 'trading-days', heartbeat: true, grace: '10m'}], paused: []});
		expectError(await api(h.url, 'GET', '/v1/export?jobs=ghost', {headers: asReader}), 404, 'not-found');
		await api(h.url, 'POST', '/v1/jobs/nightly/resume', {headers: asController});
	});

	it('import round trip: the diff first (dry run), then jobs.yaml written with comments and order of untouched jobs kept, and reloaded', async () => {
		const before = jobsFile();
		const exported = (await api(h.url, 'GET', '/v1/export', {headers: asReader})).body as {jobs: Json[]; paused: string[]};
		const edited = {
			...exported,
			jobs: [
				...exported.jobs.filter(job => job.id !== 'fails').map(job => (job.id === 'slow' ? {...job, command: ['sh', '-c', 'echo slower; sleep 2']} : job)),
				{id: 'added', trigger: 'manual', command: ['echo', 'new']},
			],
		};
		const dry = await api(h.url, 'POST', '/v1/import?dry_run=1', {headers: asController, body: edited});
		expect(dry.body).toMatchObject({ok: true, written: false, added: ['added'], changed: ['slow'], removed: ['fails'], fields: {slow: ['command: ["sh","-c","echo start; sleep 1.5; echo end"] → ["sh","-c","echo slower; sleep 2"]']}});
		expect(jobsFile()).toBe(before);
		const real = await api(h.url, 'POST', '/v1/import', {headers: asController, body: edited});
		expect(real.body).toMatchObject({ok: true, written: true, reload: {ok: true}, added: ['added'], changed: ['slow'], removed: ['fails']});
		const after = jobsFile();
		// Comments, order and layout of the untouched jobs are kept byte for byte (the gap before a trailing comment too).
		for (const kept of ['# The API tests\' jobs.', '  # says hello twice\n  - id: ok\n    trigger: manual\n    command: ["sh", "-c", "echo hello; echo world"]\n', '  - {id: nightly, cron: "0 3 * * *", command: ["true"]}   # fires at night only\n  - {id: beat, cron: "0 16 * * *", calendar: trading-days, heartbeat: true, grace: 10m}\n']) {
			expect(after).toContain(kept);
		}

		expect(after).not.toContain('id: fails');
		expect(h.host.scheduler.jobIds).toEqual(['ok', 'slow', 'nightly', 'beat', 'added']);
		// Importing the same again changes nothing and writes nothing.
		expect((await api(h.url, 'POST', '/v1/import', {headers: asController, body: edited})).body).toMatchObject({written: false, added: [], changed: [], removed: []});
		// YAML in, as `export --format yaml` prints it.
		const yamlText = await (await fetch(`${h.url}/v1/export?format=yaml`, {headers: asReader})).text();
		expect((await api(h.url, 'POST', '/v1/import?dry_run=true', {headers: asController, raw: yamlText, type: 'application/yaml'})).body).toMatchObject({ok: true, added: [], changed: [], removed: []});
	});

	it('an import with a bad job is refused whole (422, positioned problems) and nothing is written', async () => {
		const before = jobsFile();
		const answer = await api(h.url, 'POST', '/v1/import', {headers: asController, raw: 'jobs:\n  - {id: bad, cron: "61 * * * *", command: ["true"]}\n', type: 'text/yaml'});
		expectError(answer, 422, 'invalid-config');
		expect((answer.body.problems as Array<{file: string; line: number; message: string}>)[0]).toMatchObject({file: 'request body', line: 2});
		expect(jobsFile()).toBe(before);
		expectError(await api(h.url, 'POST', '/v1/import', {headers: asController, body: {nothing: true}}), 400, 'bad-params');
	});
});

describe('PUT and DELETE a job', () => {
	it('adds, replaces and deletes one job in jobs.yaml; a bad definition is 422', async () => {
		const put = await api(h.url, 'PUT', '/v1/jobs/hourly', {headers: asController, body: {cron: '0 * * * *', command: ['true'], queue: 'maintenance'}});
		expect(put.body).toMatchObject({ok: true, written: true, added: ['hourly']});
		expect(h.host.scheduler.job('hourly')?.queue).toBe('maintenance');
		expect((await api(h.url, 'PUT', '/v1/jobs/hourly', {headers: asController, body: {cron: '30 * * * *', command: ['true']}})).body).toMatchObject({changed: ['hourly']});
		const bad = await api(h.url, 'PUT', '/v1/jobs/hourly', {headers: asController, body: {cron: '30 * * * *', command: ['true'], retries: -1}});
		expectError(bad, 422, 'invalid-config');
		expect(JSON.stringify(bad.body.problems)).toContain('retries must be a whole number');
		expectError(await api(h.url, 'PUT', '/v1/jobs/hourly', {headers: asController, body: {id: 'other', command: ['true']}}), 400, 'bad-params');
		expect((await api(h.url, 'DELETE', '/v1/jobs/hourly?dry_run=1', {headers: asController})).body).toMatchObject({written: false, removed: ['hourly']});
		expect((await api(h.url, 'DELETE', '/v1/jobs/hourly', {headers: asController})).body).toMatchObject({written: true, removed: ['hourly']});
		expect(h.host.scheduler.job('hourly')).toBeUndefined();
		expectError(await api(h.url, 'DELETE', '/v1/jobs/hourly', {headers: asController}), 404, 'not-found');
	});
});

describe('?dry_run', () => {
	it('a bare ?dry_run is a dry run, and a value it does not know is refused: neither writes jobs.yaml', async () => {
		const before = jobsFile();
		for (const query of ['?dry_run', '?dry_run=', '?dry_run=TRUE', '?dry_run=on']) {
			const answer = await api(h.url, 'DELETE', `/v1/jobs/nightly${query}`, {headers: asController});
			if (answer.status === 200) {
				expect({query, written: answer.body.written}).toEqual({query, written: false});
			} else {
				expectError(answer, 400, 'bad-params');
				expect(answer.body.message).toContain('dry_run');
			}

			expect(jobsFile()).toBe(before);
		}

		const put = await api(h.url, 'PUT', '/v1/jobs/added_dry?dry_run=maybe', {headers: asController, body: {trigger: 'manual', command: ['true']}});
		expectError(put, 400, 'bad-params');
		const imported = await api(h.url, 'POST', '/v1/import?dry_run=y', {headers: asController, body: {jobs: []}});
		expectError(imported, 400, 'bad-params');
		expect(jobsFile()).toBe(before);
		expect((await api(h.url, 'DELETE', '/v1/jobs/nightly?dry_run=0', {headers: asController})).body.written).toBe(true);
		expect(jobsFile()).not.toContain('id: nightly');
	});
});
