/** Health, the snapshot, the whole scheduler's pause, reload, statistics and the calendar. */
import type {RouteRegistrar} from '../api-context.js';
import {HttpError} from '../http-errors.js';
import {checkJobFilter} from '../job-filter.js';
import {namedByQueryFields, queryField} from '../query-field-names.js';
import {parseTime} from '../query-values.js';
import {countOf} from '../../core/count-words.js';

const rangeQuery = {
	type: 'object',
	properties: {since: {type: 'string'}, until: {type: 'string'}, job: {type: 'string', pattern: '^[a-z0-9_-]+$'}},
	additionalProperties: false,
} as const;

export const registerSchedulerRoutes: RouteRegistrar = (app, {call, health}) => {
	app.get('/v1/health', {config: {scope: 'public'}}, async (_request, reply) => {
		if (health) {
			const view = health(Date.now());
			// 503 when not ok, so a monitor that looks only at the status (curl -f, a load balancer) sees it.
			return reply.code(view.ok ? 200 : 503).send(view);
		}

		const {scheduler} = await call('snapshot', {});
		return {ok: !scheduler.stopping, pid: scheduler.pid, version: scheduler.version, uptimeMs: Date.now() - scheduler.startedAt, paused: scheduler.paused, stopping: scheduler.stopping};
	});
	app.get('/v1/status', {config: {scope: 'read'}}, async () => call('snapshot', {}));
	app.post('/v1/scheduler/pause', {config: {scope: 'control'}}, async () => call('pause-scheduler', {}));
	app.post('/v1/scheduler/resume', {config: {scope: 'control'}}, async () => call('resume-scheduler', {}));
	app.post('/v1/reload', {config: {scope: 'control'}}, async (_request, reply) => {
		const result = await call('reload', {});
		return reply.code(result.ok ? 200 : 422).send(result.ok ? result : {error: 'invalid-config', message: `jobs.yaml not applied: ${countOf(result.problems.length, 'problem')}; the jobs loaded before keep running`, ...result});
	});
	app.get<{Querystring: {since?: string; until?: string; job?: string}}>('/v1/stats', {config: {scope: 'read'}, schema: {querystring: rangeQuery}}, async request => {
		const {scheduler} = await call('snapshot', {});
		const zone = scheduler.timezone;
		const since = parseTime(request.query.since, queryField('since'), zone);
		const until = parseTime(request.query.until, queryField('until'), zone);
		const stats = await call('statistics', {since, until, jobId: request.query.job}).catch(namedByQueryFields(['since', 'until']));
		if (stats.jobs.length === 0 && request.query.job !== undefined) {
			await checkJobFilter(call, request.query.job);
		}

		const {today} = await call('snapshot', {});
		return {today: {...today, successRate: today.runs > 0 ? today.succeeded / today.runs : undefined}, ...stats};
	});
	app.get<{Querystring: {from?: string; to?: string}}>('/v1/calendar', {
		config: {scope: 'read'},
		schema: {querystring: {type: 'object', properties: {from: {type: 'string', format: 'date'}, to: {type: 'string', format: 'date'}}, additionalProperties: false}},
	}, async request => call('calendar', {from: request.query.from, to: request.query.to}).catch(namedByQueryFields(['from', 'to'])));
	app.get('/v1', {config: {scope: 'public'}}, async () => {
		throw new HttpError(404, 'not-found', 'see GET /v1/health, /v1/status, /v1/jobs, /v1/runs, /v1/events (docs/http-api.md)');
	});
};
