/**
 * A path's or query's integer as digits only. Ajv's type coercion reads them with `Number()`, so
 * `/v1/runs/1e3` was run 1000, `/v1/runs/0x10` run 16 (a cancel of `0x10` cancelled it) and `?limit=
 * 1e2` a hundred, where `sage-console show 1e3` is refused (run-id-argument.ts). Checked before the
 * schema, on the text as it came, in the schema's own words (`params id must be an integer, not "1e3"`).
 */
import type {FastifyRequest} from 'fastify';
import {HttpError} from './http-errors.js';
import {queryField} from './query-field-names.js';

type ObjectSchema = {properties?: Record<string, {type?: unknown; minimum?: number; maximum?: number}>};

const integerText = /^-?\d+$/;

function check(values: unknown, schema: unknown, name: (field: string) => string): void {
	const properties = (schema as ObjectSchema | undefined)?.properties;
	if (!properties || typeof values !== 'object' || values === null) {
		return;
	}

	for (const [field, property] of Object.entries(properties)) {
		const value = (values as Record<string, unknown>)[field];
		if (property.type !== 'integer' || typeof value !== 'string') {
			continue;
		}

		if (!integerText.test(value)) {
			throw new HttpError(400, 'bad-params', `${name(field)} must be an integer, not ${JSON.stringify(value)}`);
		}

		// Past 2^53 the number read is not the one sent: say the one sent, and the field's own bound on that side
		// (`query limit must be <= 1000`, as the schema says of 1001; `params id must be >= 1` of a huge negative).
		if (!Number.isSafeInteger(Number(value))) {
			const below = value.startsWith('-');
			const bound = below ? property.minimum ?? Number.MIN_SAFE_INTEGER : property.maximum ?? Number.MAX_SAFE_INTEGER;
			throw new HttpError(400, 'bad-params', `${name(field)} must be ${below ? '>=' : '<='} ${bound}, not ${value}`);
		}
	}
}

/** A `preValidation` hook: refuses a path or query integer that is not digits (with an optional `-`). */
export async function integersAsDigits(request: FastifyRequest): Promise<void> {
	const schema = request.routeOptions.schema;
	check(request.params, schema?.params, field => `params ${field}`);
	check(request.query, schema?.querystring, queryField);
}
