/** What each method's params must look like; checked before a request reaches the scheduler. */
import type {Method} from './messages.js';

type FieldType = 'string' | 'integer' | 'object' | 'boolean' | 'number' | 'array';
/** A field spec: its type, and a trailing `?` when optional. */
type FieldSpec = `${FieldType}` | `${FieldType}?`;

const none: Record<string, FieldSpec> = {};

export const paramSpecs: Record<Method, Record<string, FieldSpec>> = {
	hello: {protocol: 'integer', client: 'string'},
	subscribe: {tailLines: 'integer?', events: 'array?'},
	snapshot: none,
	'run-job': {jobId: 'string', params: 'object?', tradeDate: 'string?'},
	backfill: {jobId: 'string', from: 'string', to: 'string'},
	'pause-job': {jobId: 'string'},
	'resume-job': {jobId: 'string'},
	'pause-scheduler': none,
	'resume-scheduler': none,
	'cancel-run': {runId: 'integer'},
	'retry-run': {runId: 'integer'},
	reload: {file: 'string?'},
	'read-log': {runId: 'integer', offset: 'integer?', maxBytes: 'integer?', fileOffset: 'integer?'},
	history: {jobId: 'string?', status: 'string?', trigger: 'string?', since: 'number?', until: 'number?', limit: 'integer?', beforeId: 'integer?'},
	'get-run': {runId: 'integer'},
	'job-detail': {jobId: 'string'},
	statistics: {since: 'number?', until: 'number?', jobId: 'string?'},
	calendar: {from: 'string?', to: 'string?'},
	'ping-heartbeat': {jobId: 'string', outcome: 'string?'},
	'export-jobs': {jobs: 'array?'},
	'import-jobs': {text: 'string', name: 'string?', dryRun: 'boolean?'},
	'put-job': {jobId: 'string', definition: 'object', dryRun: 'boolean?'},
	'delete-job': {jobId: 'string', dryRun: 'boolean?'},
	'start-service': {serviceId: 'string'},
	'stop-service': {serviceId: 'string'},
	'restart-service': {serviceId: 'string'},
	'service-detail': {serviceId: 'string', lines: 'integer?'},
	market: {at: 'number?'},
	ping: none,
};

export function isMethod(name: string): name is Method {
	return Object.hasOwn(paramSpecs, name);
}

function matches(value: unknown, type: FieldType): boolean {
	switch (type) {
		case 'integer': {
			return Number.isSafeInteger(value);
		}

		case 'number': {
			return typeof value === 'number' && Number.isFinite(value);
		}

		case 'array': {
			return Array.isArray(value);
		}

		case 'object': {
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		}

		default: {
			return typeof value === type;
		}
	}
}

/** Undefined when the params fit the method; otherwise what is wrong, naming the field. */
export function checkParams(method: Method, params: unknown): string | undefined {
	if (typeof params !== 'object' || params === null || Array.isArray(params)) {
		return `${method}: params must be an object`;
	}

	const specs = paramSpecs[method];
	for (const [field, spec] of Object.entries(specs)) {
		const optional = spec.endsWith('?');
		const type = spec.replace('?', '') as FieldType;
		const value = (params as Record<string, unknown>)[field];
		if (value === undefined) {
			if (!optional) {
				return `${method}: "${field}" is required`;
			}

			continue;
		}

		if (!matches(value, type)) {
			return `${method}: "${field}" must be ${type === 'integer' ? 'an integer' : `a${type === 'object' || type === 'array' ? 'n' : ''} ${type}`}`;
		}
	}

	const unknown = Object.keys(params).find(field => !Object.hasOwn(specs, field));
	return unknown === undefined ? undefined : `${method}: unknown field "${unknown}"`;
}
