/**
 * Pings from the outside processes heartbeat jobs stand for, Healthchecks-style: `POST
 * /v1/heartbeats/JOB` (success), `/JOB/start`, `/JOB/fail`. GET works too, for `curl -fsS URL` and
 * tools that can only fetch. A body (a pinger's log, as Healthchecks takes one) is taken and not read,
 * whatever its size.
 */
import {maxIdLength} from '../../config/id-rules.js';
import type {RouteRegistrar} from '../api-context.js';

const params = {
	type: 'object',
	properties: {job: {type: 'string', pattern: '^[a-z0-9_-]+$', maxLength: maxIdLength}, outcome: {type: 'string', enum: ['start', 'success', 'fail']}},
	required: ['job'],
} as const;

export const registerHeartbeatRoutes: RouteRegistrar = (app, {call}) => {
	// In a scope of their own, so only these take any body type: `curl -d "$output" URL` sends a form.
	// JSON too, unread: a pinger's truncated `result.json` sent as application/json was refused (400), its ping lost.
	// Of any size: read to its end and dropped, never held, so http.body_limit (for bodies the API reads)
	// does not refuse a pinger's whole log (413), which lost its ping and had its job go late.
	void app.register(async scoped => {
		scoped.removeContentTypeParser('application/json');
		scoped.addContentTypeParser('*', (_request, payload, done) => {
			payload.once('end', () => {
				done(null, undefined);
			});
			payload.once('error', error => {
				done(error, undefined);
			});
			payload.resume();
		});
		for (const path of ['/v1/heartbeats/:job', '/v1/heartbeats/:job/:outcome']) {
			scoped.route<{Params: {job: string; outcome?: string}}>({
				method: ['GET', 'POST'],
				url: path,
				config: {scope: 'control', anyBody: true},
				schema: {params},
				handler: async request => ({job: request.params.job, ...await call('ping-heartbeat', {jobId: request.params.job, outcome: request.params.outcome})}),
			});
		}
	});
};
