/** Services (jobs.yaml `services:`): the list, one up close (newest output, last crashes), start, stop, restart. */
import {maxIdLength} from '../../config/id-rules.js';
import type {RouteRegistrar} from '../api-context.js';
import {HttpError} from '../http-errors.js';

const serviceParams = {type: 'object', properties: {id: {type: 'string', pattern: '^[a-z0-9_-]+$', maxLength: maxIdLength}}, required: ['id']} as const;
const actions = {start: 'start-service', stop: 'stop-service', restart: 'restart-service'} as const;

export const registerServiceRoutes: RouteRegistrar = (app, {call}) => {
	app.get('/v1/services', {config: {scope: 'read'}}, async () => ({services: (await call('snapshot', {})).services ?? []}));
	app.get<{Params: {id: string}; Querystring: {lines?: number}}>('/v1/services/:id', {
		config: {scope: 'read'},
		schema: {params: serviceParams, querystring: {type: 'object', properties: {lines: {type: 'integer', minimum: 1, maximum: 1000}}, additionalProperties: false}},
	}, async request => call('service-detail', {serviceId: request.params.id, lines: request.query.lines}));
	for (const [action, method] of Object.entries(actions)) {
		app.post<{Params: {id: string}}>(`/v1/services/:id/${action}`, {config: {scope: 'control'}, schema: {params: serviceParams}}, async request => {
			const result = await call(method, {serviceId: request.params.id});
			if (!result.ok) {
				// Already up, not running: nothing was done.
				throw new HttpError(409, 'not-done', result.message, {service: result.service});
			}

			return result;
		});
	}
};
