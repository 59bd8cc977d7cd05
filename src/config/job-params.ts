import type {JobDefinition} from '../core/job-definition.js';
import {reportInexactIntegers} from './inexact-integers.js';
import type {MapReader} from './map-reader.js';

const paramTypes = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

/** `params`: the values a run gets when nothing overrides them. */
export function readParams(job: MapReader): Record<string, unknown> {
	const value = job.value('params');
	if (value === undefined || value === null) {
		return {};
	}

	if (typeof value !== 'object' || Array.isArray(value)) {
		job.report('params', 'params must be a mapping');
		return {};
	}

	reportInexactIntegers(job.source, job.node('params'), 'params');
	return value as Record<string, unknown>;
}

/** `params_schema: {symbols: {type: array, required: true}, days: integer}`: a type name, or type and required. */
export function readParamsSchema(job: MapReader): JobDefinition['paramsSchema'] {
	const value = job.value('params_schema');
	if (value === undefined || value === null) {
		return undefined;
	}

	if (typeof value !== 'object' || Array.isArray(value)) {
		job.report('params_schema', 'params_schema must map param names to a type (string, number, integer, boolean, array, object)');
		return undefined;
	}

	const schema: NonNullable<JobDefinition['paramsSchema']> = {};
	for (const [name, spec] of Object.entries(value as Record<string, unknown>)) {
		const entry = typeof spec === 'string' ? {type: spec} : (spec ?? {}) as {type?: unknown; required?: unknown};
		const type = paramTypes.find(candidate => candidate === entry.type);
		if (!type || (entry.required !== undefined && typeof entry.required !== 'boolean')) {
			job.report('params_schema', `params_schema.${name} must be a type (${paramTypes.join(', ')}) or {type: T, required: true|false}`);
			continue;
		}

		schema[name] = {type, required: entry.required === true};
	}

	return schema;
}
