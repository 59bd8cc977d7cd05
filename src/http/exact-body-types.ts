/**
 * A JSON body is checked against its schema as it was sent; a query and a path, all text, are still
 * read as their schema's types (`?limit=20` an integer). Fastify's one Ajv coerces every part, so a
 * body's `{"trade_date": null}` became `""` before the check and was refused as `not ""`, a `5` was
 * taken for the text "5", and `{"jobs": "x"}` was read as `["x"]`.
 */
import {AjvCompiler} from '@fastify/ajv-compiler';
import type {FastifyServerOptions} from 'fastify';

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;

/** Fastify's `schemaController`: its own compilers (the `ajv` options as given), the body's with no coercion. */
export function exactBodyTypes(): SchemaController {
	const pool = AjvCompiler();
	return {
		compilersFactory: {
			buildValidator(externalSchemas, options) {
				const coercing = pool(externalSchemas, options);
				// The API's Ajv is JSON Schema's, never JTD's (whose options have no coerceTypes).
				const exact = pool(externalSchemas, {...options, customOptions: {...options?.customOptions, coerceTypes: false}} as typeof options);
				return route => (route.httpPart === 'body' ? exact : coercing)(route);
			},
		},
	};
}
