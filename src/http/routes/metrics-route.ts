/** `GET /metrics`: Prometheus text format; open without a token only when `metrics_public: true`. */
import type {RouteRegistrar} from '../api-context.js';
import {HttpError} from '../http-errors.js';

export const registerMetricsRoute: RouteRegistrar = (app, {metrics}) => {
	app.get('/metrics', {config: {scope: 'metrics'}}, async (_request, reply) => {
		if (!metrics) {
			throw new HttpError(404, 'not-found', 'metrics are off');
		}

		return reply.type(metrics.contentType).send(await metrics.text());
	});
};
