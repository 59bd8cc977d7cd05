/**
 * Fastify's schema refusals in words a person can act on: which field, what it may be, what it was.
 * Ajv runs with `verbose`, so each error carries the value it refused (`data`) and the schema around
 * it (`parentSchema`: the known properties of an object that got an unknown one).
 */
import type {FastifySchemaValidationError} from 'fastify';
import {didYouMean} from '../config/did-you-mean.js';
import {isSecretKey} from '../log/redact.js';

type SchemaError = FastifySchemaValidationError & {data?: unknown; parentSchema?: {properties?: Record<string, unknown>; format?: string}};

const formatWords: Record<string, string> = {date: 'a date (YYYY-MM-DD)', 'date-time': 'an ISO-8601 time'};
const typeWords: Record<string, string> = {integer: 'an integer', object: 'an object', array: 'an array', string: 'a string', number: 'a number', boolean: 'a boolean'};

function shown(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * `body`, `query status`, `body params.symbols` (ajv's instancePath is a JSON pointer). Fastify's
 * `querystring` is `query`, as the routes' own checks name a query field (query-field-names.ts).
 */
function where(dataVar: string, instancePath: string): string {
	const part = dataVar === 'querystring' ? 'query' : dataVar;
	const path = instancePath.split('/').filter(Boolean).map(step => step.replaceAll('~1', '/').replaceAll('~0', '~')).join('.');
	return path ? `${part} ${path}` : part;
}

/** `withValue`: say what was refused (left out between alternatives, where it would be said each time). */
function phrase(error: SchemaError, withValue: boolean): string {
	const {params} = error;
	const not = withValue && 'data' in error ? `, not ${shown(error.data)}` : '';
	switch (error.keyword) {
		case 'additionalProperties': {
			const name = String(params.additionalProperty);
			const known = Object.keys(error.parentSchema?.properties ?? {});
			const suggestion = didYouMean(name, known);
			const hint = known.length === 0 ? 'it takes none' : `${suggestion ? `did you mean "${suggestion}"? ` : ''}known: ${known.join(', ')}`;
			return `has an unknown property "${name}" (${hint})`;
		}

		case 'enum': {
			return `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}${not && ` (${not.slice(2)})`}`;
		}

		case 'required': {
			return `needs the property "${String(params.missingProperty)}"`;
		}

		case 'type': {
			// A date given as null or a number is told it must be a date, not merely a string.
			const format = error.parentSchema?.format;
			const expected = format !== undefined && params.type === 'string' ? formatWords[format] : undefined;
			return `must be ${expected ?? String(params.type).split(',').map(type => typeWords[type] ?? type).join(' or ')}${not}`;
		}

		case 'format': {
			const format = String(params.format);
			return `must be ${formatWords[format] ?? `of format ${format}`}${not}`;
		}

		case 'pattern': {
			return `must match ${String(params.pattern)}${not}`;
		}

		case 'minLength':
		case 'maxLength':
		case 'minItems':
		case 'maxItems':
		case 'minProperties':
		case 'maxProperties': {
			// Ajv's own words here read "must NOT have fewer than 1 properties".
			const limit = Number(params.limit);
			const unit = {Length: 'character', Items: 'item', Properties: 'property'}[error.keyword.slice(3)]!;
			const units = limit === 1 ? unit : (unit === 'property' ? 'properties' : `${unit}s`);
			return `must have at ${error.keyword.startsWith('min') ? 'least' : 'most'} ${limit} ${units}${not}`;
		}

		default: {
			return `${error.message ?? 'is not valid'}${not}`;
		}
	}
}

/**
 * One sentence for a request's schema errors. Alternatives (`anyOf`) become "…, or …": ajv reports
 * each branch's refusal and then that none matched.
 */
export function schemaErrorMessage(errors: readonly FastifySchemaValidationError[], dataVar: string): string {
	const alternatives = errors.some(error => error.keyword === 'anyOf' || error.keyword === 'oneOf');
	const parts = errors
		.filter(error => error.keyword !== 'anyOf' && error.keyword !== 'oneOf')
		.map(error => `${where(dataVar, error.instancePath)} ${phrase(error as SchemaError, !alternatives && !isSecretKey(error.instancePath.split('/').at(-1) ?? ''))}`);
	return [...new Set(parts)].join(alternatives ? ', or ' : '; ') || `${where(dataVar, '')} is not valid`;
}
