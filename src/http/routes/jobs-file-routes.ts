/**
 * jobs.yaml through the API: export, import (a whole job list, as export prints it), and one job put or
 * deleted. The file stays the one source of truth: these edit it (comments of untouched jobs kept) and
 * the scheduler reloads it. `?dry_run=1` (or a bare `?dry_run`) shows the diff without writing; a value
 * it does not know is refused rather than taken for a write.
 */
import {stringify} from 'yaml';
import {maxIdLength} from '../../config/id-rules.js';
import type {RouteRegistrar} from '../api-context.js';
import {HttpError} from '../http-errors.js';
import {refuseInexactNumbers} from '../inexact-numbers.js';
import {queryField} from '../query-field-names.js';
import {querySwitch} from '../query-values.js';
import type {JobsEditResult} from '../../protocol/messages.js';
import {countOf} from '../../core/count-words.js';

const jobParams = {type: 'object', properties: {id: {type: 'string', pattern: '^[a-z0-9_-]+$', maxLength: maxIdLength}}, required: ['id']} as const;
const dryRunQuery = {type: 'object', properties: {dry_run: {type: 'string'}}, additionalProperties: false} as const;

function answer(result: JobsEditResult): JobsEditResult {
	if (!result.ok) {
		throw new HttpError(422, 'invalid-config', `not applied: ${countOf(result.problems.length, 'problem')}`, {problems: result.problems});
	}

	return result;
}

export const registerJobsFileRoutes: RouteRegistrar = (app, {call}) => {
	app.get<{Querystring: {format?: 'yaml' | 'json'; jobs?: string}}>('/v1/export', {
		config: {scope: 'read'},
		schema: {querystring: {type: 'object', properties: {format: {type: 'string', enum: ['yaml', 'json']}, jobs: {type: 'string', pattern: '^[a-z0-9_,-]+$'}}, additionalProperties: false}},
	}, async (request, reply) => {
		const only = request.query.jobs?.split(',').filter(Boolean);
		if (only?.length === 0) {
			// `?jobs=,` exported no job at all, as if that had been asked for (`?jobs=` is refused by the schema).
			throw new HttpError(400, 'bad-params', `${queryField('jobs')} names no job, not ${JSON.stringify(request.query.jobs)}: give ids, jobs=a,b, or leave it out for every job`);
		}

		const data = await call('export-jobs', {jobs: only});
		return request.query.format === 'yaml' ? reply.type('application/yaml; charset=utf-8').send(stringify(data)) : data;
	});
	// YAML is read by the import alone, in a scope of its own: read everywhere, a YAML body to `PUT /v1/jobs/:id`
	// or a run came as a string and was refused as `body must be an object`, not as a type the route does not read (415).
	void app.register(async scoped => {
		scoped.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml'], {parseAs: 'string'}, (_request, body, done) => {
			done(null, body);
		});
		scoped.post<{Querystring: {dry_run?: string}; Body: unknown}>('/v1/import', {
			config: {scope: 'control'},
			schema: {querystring: dryRunQuery, body: {anyOf: [{type: 'string', minLength: 1}, {type: 'object', properties: {jobs: {type: 'array', items: {type: 'object'}}}, required: ['jobs']}]}},
		}, async request => {
			refuseInexactNumbers(request.body);
			const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
			return answer(await call('import-jobs', {text, name: 'request body', dryRun: querySwitch(request.query.dry_run, queryField('dry_run'))}));
		});
	});
	app.put<{Params: {id: string}; Querystring: {dry_run?: string}; Body: Record<string, unknown>}>('/v1/jobs/:id', {
		config: {scope: 'control'},
		schema: {params: jobParams, querystring: dryRunQuery, body: {type: 'object', minProperties: 1}},
	}, async request => {
		refuseInexactNumbers(request.body);
		return answer(await call('put-job', {jobId: request.params.id, definition: request.body, dryRun: querySwitch(request.query.dry_run, queryField('dry_run'))}));
	});
	app.delete<{Params: {id: string}; Querystring: {dry_run?: string}}>('/v1/jobs/:id', {
		config: {scope: 'control'},
		schema: {params: jobParams, querystring: dryRunQuery},
	}, async request => answer(await call('delete-job', {jobId: request.params.id, dryRun: querySwitch(request.query.dry_run, queryField('dry_run'))})));
};
