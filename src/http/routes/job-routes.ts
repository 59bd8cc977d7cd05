/** Jobs: the list and one job (next fire times, last run, today's figures), run now, pause, resume. */
import {maxIdLength} from '../../config/id-rules.js';
import type {RouteRegistrar} from '../api-context.js';
import {HttpError} from '../http-errors.js';
import {namedByBodyField} from '../run-request-refusals.js';
import {refuseInexactNumbers} from '../inexact-numbers.js';

const jobParams = {type: 'object', properties: {id: {type: 'string', pattern: '^[a-z0-9_-]+$', maxLength: maxIdLength}}, required: ['id']} as const;

export const registerJobRoutes: RouteRegistrar = (app, {call}) => {
	app.get('/v1/jobs', {config: {scope: 'read'}}, async () => {
		const [snapshot, stats] = await Promise.all([call('snapshot', {}), call('statistics', {})]);
		const today = new Map(stats.jobs.map(job => [job.jobId, job]));
		return {jobs: snapshot.jobs.map(job => ({...job, today: today.get(job.id)}))};
	});
	app.get<{Params: {id: string}}>('/v1/jobs/:id', {config: {scope: 'read'}, schema: {params: jobParams}}, async request => {
		const {id} = request.params;
		const detail = await call('job-detail', {jobId: id});
		const [snapshot, stats] = await Promise.all([call('snapshot', {}), call('statistics', {jobId: id})]);
		return {job: snapshot.jobs.find(job => job.id === id), ...detail, today: stats.jobs[0]};
	});
	app.post<{Params: {id: string}; Body: {params?: Record<string, unknown>; trade_date?: string} | undefined}>('/v1/jobs/:id/run', {
		config: {scope: 'control'},
		schema: {
			params: jobParams,
			body: {type: ['object', 'null'], properties: {params: {type: 'object'}, trade_date: {type: 'string', format: 'date'}}, additionalProperties: false},
		},
	}, async (request, reply) => {
		refuseInexactNumbers(request.body);
		const result = await call('run-job', {jobId: request.params.id, params: request.body?.params, tradeDate: request.body?.trade_date}).catch(namedByBodyField(request.body));
		if (!result.ok) {
			throw new HttpError(409, 'not-started', result.reason, {run: result.run});
		}

		return reply.code(202).send({runId: result.run.id, run: result.run});
	});
	app.post<{Params: {id: string}}>('/v1/jobs/:id/pause', {config: {scope: 'control'}, schema: {params: jobParams}}, async request => call('pause-job', {jobId: request.params.id}));
	app.post<{Params: {id: string}}>('/v1/jobs/:id/resume', {config: {scope: 'control'}, schema: {params: jobParams}}, async request => call('resume-job', {jobId: request.params.id}));
};
