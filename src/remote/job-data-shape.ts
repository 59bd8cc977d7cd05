/**
 * Whether a run taken off a worker queue has the shape a scheduler of this version gives it
 * (RemoteJobData): a run queued by a scheduler of another sage-console version, or written into Redis
 * by hand, may lack a field or carry one of another type. The worker says which field and fails the
 * run (worker-run.ts) rather than throwing somewhere deep in it. Only what the worker reads is asked
 * for: fields it does not know are let be (a newer scheduler's), and so are `logName` and `enqueuedAt`,
 * which only the scheduler uses.
 */
import path from 'node:path';
import {calendarDateProblem} from '../time/calendar-date.js';

type Fields = Record<string, unknown>;

const shown = (value: unknown) => (value === undefined ? 'missing' : `${Array.isArray(value) ? 'array' : (value === null ? 'null' : typeof value)} ${JSON.stringify(value)?.slice(0, 60) ?? ''}`.trim());
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const positiveInteger = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;
const finite = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const text = (value: unknown) => typeof value === 'string' && value !== '';

/** Each field's test and what it must be, in the order they are told. */
const fields: Array<[name: string, fits: (value: unknown) => boolean, must: string]> = [
	['runId', positiveInteger, 'a positive integer'],
	['jobId', text, 'a job id'],
	['attempt', positiveInteger, 'a positive integer'],
	['params', isObject, 'an object'],
	['scheduledAt', finite, 'a time (ms)'],
];

/** Optional fields: absent, or this. */
const optional: Array<[name: string, fits: (value: unknown) => boolean, must: string]> = [
	['moduleDigest', text, 'a digest'],
	['root', value => text(value) && path.isAbsolute(value as string), 'an absolute folder'],
	// The job's own are used (worker-own-limits.ts): these are only compared with them.
	['timeZone', text, 'a time zone name'],
	['timeoutMs', value => finite(value) && (value as number) >= 0, 'a number of ms'],
	['maxMemoryMb', value => finite(value) && (value as number) >= 0, 'a number of MiB'],
];

/** Why `data` is not a run as a scheduler sends it (`runId must be a positive integer, not string "7"`), or undefined. */
export function jobDataProblem(data: unknown): string | undefined {
	if (!isObject(data)) {
		return `the run's data must be an object, not ${shown(data)}`;
	}

	for (const [name, fits, must] of fields) {
		if (!fits(data[name])) {
			return `${name} must be ${must}, not ${shown(data[name])}`;
		}
	}

	for (const [name, fits, must] of optional) {
		if (data[name] !== undefined && !fits(data[name])) {
			return `${name} must be ${must} when given, not ${shown(data[name])}`;
		}
	}

	if (data.tradeDate !== undefined) {
		const problem = typeof data.tradeDate === 'string' ? calendarDateProblem(data.tradeDate) : `must be a date (YYYY-MM-DD), not ${shown(data.tradeDate)}`;
		if (problem) {
			return `tradeDate ${problem}`;
		}
	}

	return targetProblem(data.target);
}

function targetProblem(target: unknown): string | undefined {
	if (!isObject(target) || (target.kind !== 'module' && target.kind !== 'command')) {
		return `target must be a module or a command, not ${shown(target)}`;
	}

	if (target.kind === 'module') {
		return text(target.path) ? undefined : `target.path must be a module's path, not ${shown(target.path)}`;
	}

	if (!Array.isArray(target.argv) || target.argv.length === 0 || !target.argv.every(arg => typeof arg === 'string')) {
		return `target.argv must be a list of strings, not ${shown(target.argv)}`;
	}

	if (typeof target.shell !== 'boolean') {
		return `target.shell must be true or false, not ${shown(target.shell)}`;
	}

	if (target.cwd !== undefined && !text(target.cwd)) {
		return `target.cwd must be a folder when given, not ${shown(target.cwd)}`;
	}

	if (target.env !== undefined && !(isObject(target.env) && Object.values(target.env).every(value => typeof value === 'string'))) {
		// Names only: env values may be tokens.
		return 'target.env must map names to strings (values not shown)';
	}

	return undefined;
}

/** The run's number and job as far as `data` tells them, for the worker's log lines (`?` where it does not). */
export function runNamed(data: unknown): {runId: number | '?'; jobId: string} {
	const fieldsOf = isObject(data) ? data : {};
	return {runId: positiveInteger(fieldsOf.runId) ? fieldsOf.runId as number : '?', jobId: text(fieldsOf.jobId) ? fieldsOf.jobId as string : '?'};
}
