/**
 * Whether a run's params fit its job's `params_schema`: an unknown name, a wrong type, or a required
 * param given neither with the run nor in jobs.yaml. One check for every door a run comes in by: the
 * scheduler refuses such a run before anything is queued (host/request-handler.ts), a worker fails one
 * that reached its queue anyway (remote/worker-run-fields.ts). A job without `params_schema` takes any.
 */
import {isSecretKey} from '../log/redact.js';
import type {JobDefinition} from './job-definition.js';

type ParamType = NonNullable<JobDefinition['paramsSchema']>[string]['type'];

const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : (value === null ? 'null' : typeof value));
const matches: Record<ParamType, (value: unknown) => boolean> = {
	string: (value: unknown) => typeof value === 'string',
	number: (value: unknown) => typeof value === 'number' && Number.isFinite(value),
	integer: (value: unknown) => Number.isInteger(value),
	boolean: (value: unknown) => typeof value === 'boolean',
	array: Array.isArray,
	object: (value: unknown) => typeOf(value) === 'object',
};

export type ParamsProblem = {
	/** `param "days" of backfill must be an integer, not string "x"` (a secret param's value is not shown). */
	message: string;
	/** A string was expected: on the command line it is given quoted as JSON. */
	stringExpected?: true;
};

/**
 * Why `params` (those given to a run, over the job's own `params`) do not fit the job's schema, or
 * undefined. `required: false` checks names and types only: a run fired by its schedule has only the
 * job's own params and runs without a required one it lacks, so a worker does not refuse that.
 */
export function paramsProblem(job: Pick<JobDefinition, 'id' | 'params' | 'paramsSchema'>, params: Record<string, unknown> | undefined, {required = true} = {}): ParamsProblem | undefined {
	const schema = job.paramsSchema;
	if (!schema) {
		return undefined;
	}

	const known = Object.keys(schema);
	for (const [name, value] of Object.entries(params ?? {})) {
		const spec = schema[name];
		if (!spec) {
			return {message: `unknown param "${name}" for ${job.id}; its params_schema knows ${known.join(', ') || 'none'}`};
		}

		if (!matches[spec.type](value)) {
			const article = spec.type === 'integer' || spec.type === 'array' || spec.type === 'object' ? 'an' : 'a';
			const shown = value === null ? 'null' : `${typeOf(value)}${isSecretKey(name) ? '' : ` ${JSON.stringify(value)}`}`;
			return {message: `param "${name}" of ${job.id} must be ${article} ${spec.type}, not ${shown}`, ...(spec.type === 'string' ? {stringExpected: true} : {})};
		}
	}

	const missing = known.filter(name => required && schema[name]!.required && params?.[name] === undefined && job.params[name] === undefined);
	if (missing.length > 0) {
		return {message: `${job.id} needs param${missing.length === 1 ? '' : 's'} ${missing.map(name => `"${name}" (${schema[name]!.type})`).join(', ')}`};
	}

	return undefined;
}
