/**
 * Routes that read no query or no body refuse one, as the others refuse an unknown field: a script that
 * sends `GET /v1/jobs?paused=1` or `POST /v1/runs/7/cancel {"reason": …}` is told nothing is read, not
 * answered as though it had been (every job; a cancel with the reason dropped).
 */
import type {FastifyInstance} from 'fastify';

const noQuery = {type: 'object', properties: {}, additionalProperties: false} as const;
/** No body, or an empty JSON object (`-d '{}'`). */
const noBody = {type: ['object', 'null'], properties: {}, additionalProperties: false} as const;

/** Gives the routes added to `app` from now on these schemas where they have none of their own. */
export function refuseUnreadInput(app: FastifyInstance): void {
	app.addHook('onRoute', route => {
		route.schema ??= {};
		route.schema.querystring ??= noQuery;
		const methods = Array.isArray(route.method) ? route.method : [route.method];
		if (!route.config?.anyBody && methods.some(method => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method.toUpperCase()))) {
			route.schema.body ??= noBody;
		}
	});
}
