/**
 * A YAML body is read by `POST /v1/import` alone, as docs/http-api.md says; any other route refuses it
 * as a body type it does not read (415 `unsupported-media-type`): `PUT /v1/jobs/:id` and a run took it
 * as a string and answered 400 `body must be an object, not "cron: …"`. The import still reads YAML.
 * A real scheduling host and its HTTP API.
 */
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {api, apiJobs, asController, expectError} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

it('a YAML body is 415 on a JSON route, and read by the import', async () => {
	const put = await api(h.url, 'PUT', '/v1/jobs/hourly?dry_run=1', {headers: asController, raw: 'cron: "0 * * * *"\ncommand: ["true"]\n', type: 'application/yaml'});
	expectError(put, 415, 'unsupported-media-type');
	expect(put.body.message).toBe('PUT /v1/jobs/hourly does not read a body of type application/yaml: it reads JSON (application/json)');
	expectError(await api(h.url, 'POST', '/v1/jobs/ok/run', {headers: asController, raw: 'params: {}\n', type: 'text/yaml'}), 415, 'unsupported-media-type');

	const exported = await fetch(`${h.url}/v1/export?format=yaml`, {headers: asController});
	const imported = await api(h.url, 'POST', '/v1/import?dry_run=1', {headers: asController, raw: await exported.text(), type: 'application/yaml'});
	expect(imported).toMatchObject({status: 200, body: {ok: true, added: [], changed: [], removed: []}});
});
