/**
 * Pings from the outside processes heartbeat jobs stand for, Healthchecks-style: `POST
 * /v1/heartbeats/JOB` (success), `/JOB/start`, `/JOB/fail`. GET works too, for `curl -fsS URL` and
 * tools that can only fetch.
 */
import type {RouteRegistrar} from '../api-context.js';

const params = {
	type: 'object',
	properties: {job: {type: 'string', pattern: '^[a-z0-9_-]+$', maxLength: 200}, outcome: {type: 'string', enum: ['start', 'success', 'fail']}},
	required: ['job'],
} as const;

export const registerHeartbeatRoutes: RouteRegistrar = (app, {call}) => {
	for (const path of ['/v1/heartbeats/:job', '/v1/heartbeats/:job/:outcome']) {
		app.route<{Params: {job: string; outcome?: string}}>({
			method: ['GET', 'POST'],
			url: path,
			config: {scope: 'control'},
			schema: {params},
			handler: async request => ({job: request.params.job, ...await call('ping-heartbeat', {jobId: request.params.job, outcome: request.params.outcome})}),
		});
	}
};
