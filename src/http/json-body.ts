/**
 * How the API reads a JSON body. Fastify's own parser (kept: it refuses `__proto__` and
 * `constructor.prototype` keys) answers "Body is not valid JSON" without saying where, and refuses an
 * empty body sent with `Content-Type: application/json` (`curl -X POST -H 'content-type:
 * application/json' URL` from a script that always sets it), though a route that reads none takes no body.
 */
import type {FastifyInstance} from 'fastify';
import {HttpError} from './http-errors.js';

/** Why `text` is refused: JSON.parse's words, or the keys Fastify's parser will not take. */
function refusal(text: string): string {
	try {
		JSON.parse(text);
	} catch (error) {
		return `the body is not valid JSON: ${(error as Error).message}`;
	}

	return 'the body has a "__proto__" or "constructor.prototype" key, which the API does not take';
}

export function readJsonBodies(app: FastifyInstance): void {
	const parse = app.getDefaultJsonParser('error', 'error');
	app.removeContentTypeParser('application/json');
	app.addContentTypeParser('application/json', {parseAs: 'string'}, (request, body, done) => {
		const text = body as string;
		if (text.trim() === '') {
			done(null, undefined);
			return;
		}

		parse(request, text, (error, value) => {
			if (error) {
				done(new HttpError(400, 'bad-request', refusal(text)), undefined);
			} else {
				done(null, value);
			}
		});
	});
}
