/**
 * The API's edits of jobs.yaml (POST /v1/import, PUT and DELETE /v1/jobs/:id) on an operator's
 * hand-kept file, with a real scheduling host: only the lines of the jobs they replace, add or remove
 * change, byte for byte, and the scheduler reloads the file.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {edited, expectOnlyImportedLinesChanged, handKept} from '../helpers/hand-kept-jobs.js';
import {api, asController, tokens} from './api-fixtures.js';
import {startApiHost, type ApiHost} from './api-host.js';

const withApi = handKept.replace('max_parallel: 4                  # runs at once\n', '$&http:\n  listen: "127.0.0.1:0"         # loopback, any port\n');
let h: ApiHost;
const jobsFile = () => readFileSync(path.join(h.root.dir, 'config/jobs.yaml'), 'utf8');

beforeAll(async () => {
	h = await startApiHost(withApi, {tokens});
});

afterAll(async () => {
	await h.close();
});

describe('API edits of a hand-kept jobs.yaml', () => {
	it('import: the dry run writes nothing; the import changes only the replaced and the added job\'s lines and is reloaded', async () => {
		expect(jobsFile()).toBe(withApi);
		const dry = await api(h.url, 'POST', '/v1/import?dry_run=1', {headers: asController, raw: edited, type: 'application/yaml'});
		expect(dry.body).toMatchObject({ok: true, written: false, added: ['news'], changed: ['weekly_report'], removed: []});
		expect(dry.body.warning).toBeUndefined();
		expect(jobsFile()).toBe(withApi);
		const real = await api(h.url, 'POST', '/v1/import', {headers: asController, raw: edited, type: 'application/yaml'});
		expect(real.body).toMatchObject({ok: true, written: true, reload: {ok: true}, added: ['news'], changed: ['weekly_report']});
		expect(real.body.warning).toBeUndefined();
		expectOnlyImportedLinesChanged(withApi, jobsFile());
		expect(h.host.scheduler.jobIds).toEqual(['fetch_daily', 'quotes', 'weekly_report', 'cleanup', 'news']);
	});

	it('PUT replaces one job on its own line, in its { … } style; DELETE takes its own line only', async () => {
		const before = jobsFile();
		const cleanupLine = '  - { id: cleanup, cron: "0 3 * * *", command: ["true"], params: { days: 30 } }';
		const put = await api(h.url, 'PUT', '/v1/jobs/cleanup', {headers: asController, body: {cron: '0 4 * * *', command: ['true'], params: {days: 7}}});
		expect(put.body).toMatchObject({ok: true, written: true, changed: ['cleanup'], reload: {ok: true}});
		const b = before.split('\n');
		const a = jobsFile().split('\n');
		const at = b.indexOf(cleanupLine);
		expect(a.length).toBe(b.length);
		expect([...a.slice(0, at), ...a.slice(at + 1)]).toEqual([...b.slice(0, at), ...b.slice(at + 1)]);
		expect(a[at]).toMatch(/^ {2}- \{ id: cleanup, /);
		expect(parse(a[at]!)).toEqual([{id: 'cleanup', cron: '0 4 * * *', command: ['true'], params: {days: 7}}]);
		expect(h.host.scheduler.job('cleanup')?.params).toEqual({days: 7});

		const quotesLine = '  - { id: quotes,  cron: "*/5 9-15 * * 1-5", command: ["true"] }   # every 5 minutes';
		const put2 = a.join('\n');
		const deleted = await api(h.url, 'DELETE', '/v1/jobs/quotes', {headers: asController});
		expect(deleted.body).toMatchObject({ok: true, written: true, removed: ['quotes'], reload: {ok: true}});
		const lines = put2.split('\n');
		const gone = lines.indexOf(quotesLine);
		expect(jobsFile().split('\n')).toEqual([...lines.slice(0, gone), ...lines.slice(gone + 1)]);
		expect(h.host.scheduler.jobIds).toEqual(['fetch_daily', 'weekly_report', 'cleanup', 'news']);
	});
});
