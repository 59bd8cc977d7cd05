/** Runs: the list with filters and paging, one run, its log (followed with ?follow=1), cancel, retry. */
import type {FastifyReply} from 'fastify';
import {runStatuses, runTriggers} from '../../core/run-record.js';
import type {RouteRegistrar} from '../api-context.js';
import {HttpError} from '../http-errors.js';
import {checkJobFilter} from '../job-filter.js';
import type {ProtocolCall} from '../protocol-call.js';
import {urlTokenField} from '../presented-token.js';
import {queryField} from '../query-field-names.js';
import {parseTime, querySwitch} from '../query-values.js';

// Past 2^53 an id is not the integer it reads as (and no run ever has it).
const runParams = {type: 'object', properties: {id: {type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER}}, required: ['id']} as const;
const followPollMs = 250;
/** The scheduler's reason when a cancel or retry names a run it has never had. */
const unknownRun = (reason: string) => /^no run \d+$/.test(reason);

type RunsQuery = {job?: string; status?: string; trigger?: string; since?: string; until?: string; limit?: number; before?: number};

/** Streams a run's log lines as they are written, until the run has ended and everything is read. */
async function followLog(call: ProtocolCall, runId: number, offset: number, reply: FastifyReply): Promise<void> {
	reply.hijack();
	const raw = reply.raw;
	raw.writeHead(200, {'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no'});
	if (reply.request.method === 'HEAD') {
		// The headers are the whole answer, not held back until the run ends.
		raw.end();
		return;
	}

	let closed = false;
	raw.on('close', () => {
		closed = true;
	});
	let at = offset;
	// A service run's place in its service's output file, so that its earlier lines are not read again.
	let fileOffset: number | undefined;
	let told = false;
	while (!closed) {
		const chunk = await call('read-log', {runId, offset: at, ...(fileOffset === undefined ? {} : {fileOffset})});
		// Said once, first, as `sage-console logs RUN --follow` says it.
		const lines = chunk.missing && !told ? [`(${chunk.missing})`, ...chunk.lines] : chunk.lines;
		told ||= chunk.missing !== undefined;
		if (lines.length > 0) {
			raw.write(`${lines.join('\n')}\n`);
		}

		at = chunk.nextOffset;
		fileOffset = chunk.fileOffset;
		if (chunk.finished) {
			break;
		}

		if (chunk.lines.length === 0) {
			await new Promise(resolve => {
				setTimeout(resolve, followPollMs);
			});
		}
	}

	raw.end();
}

export const registerRunRoutes: RouteRegistrar = (app, {call}) => {
	app.get<{Querystring: RunsQuery}>('/v1/runs', {
		config: {scope: 'read'},
		schema: {
			querystring: {
				type: 'object',
				properties: {
					job: {type: 'string', pattern: '^[a-z0-9_-]+$'},
					status: {type: 'string', enum: [...runStatuses]},
					trigger: {type: 'string', enum: [...runTriggers]},
					since: {type: 'string'},
					until: {type: 'string'},
					limit: {type: 'integer', minimum: 1, maximum: 1000, default: 50},
					before: {type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER},
				},
				additionalProperties: false,
			},
		},
	}, async request => {
		const q = request.query;
		// The zone is needed only to read a bare date.
		const zone = q.since === undefined && q.until === undefined ? 'UTC' : (await call('snapshot', {})).scheduler.timezone;
		const since = parseTime(q.since, queryField('since'), zone);
		const until = parseTime(q.until, queryField('until'), zone);
		if (since !== undefined && until !== undefined && until <= since) {
			// Not an empty page: a script would take it for "no runs then".
			throw new HttpError(400, 'bad-params', `${queryField('until')} (${q.until}) must be after ${queryField('since')} (${q.since})`);
		}

		const runs = await call('history', {
			jobId: q.job, status: q.status as never, trigger: q.trigger as never, limit: q.limit, beforeId: q.before, since, until,
		});
		if (runs.length === 0 && q.job !== undefined) {
			await checkJobFilter(call, q.job);
		}

		// Newest first by scheduled time; the next page is the runs with ids below the last one here.
		const last = runs.at(-1);
		return {runs, next: runs.length === (q.limit ?? 50) && last ? {before: last.id} : undefined};
	});
	app.get<{Params: {id: number}}>('/v1/runs/:id', {config: {scope: 'read'}, schema: {params: runParams}}, async request => {
		const result = await call('get-run', {runId: request.params.id});
		if (!result.run) {
			throw new HttpError(404, 'not-found', `no run ${request.params.id}`);
		}

		return result;
	});
	app.get<{Params: {id: number}; Querystring: {offset?: number; follow?: string; max_bytes?: number}}>('/v1/runs/:id/log', {
		config: {scope: 'read', urlToken: true},
		schema: {
			params: runParams,
			querystring: {type: 'object', properties: {offset: {type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER}, follow: {type: 'string'}, max_bytes: {type: 'integer', minimum: 1024, maximum: 4_194_304}, ...urlTokenField}, additionalProperties: false},
		},
	}, async (request, reply) => {
		const {id} = request.params;
		if (querySwitch(request.query.follow, queryField('follow'))) {
			await call('get-run', {runId: id}).then(result => {
				if (!result.run) {
					throw new HttpError(404, 'not-found', `no run ${id}`);
				}
			});
			return followLog(call, id, request.query.offset ?? 0, reply);
		}

		// `fileOffset` is a follower's bookmark in a service's shared file, not an offset of this run's log.
		const {fileOffset: _bookmark, ...chunk} = await call('read-log', {runId: id, offset: request.query.offset, maxBytes: request.query.max_bytes});
		return chunk;
	});
	app.post<{Params: {id: number}}>('/v1/runs/:id/cancel', {config: {scope: 'control'}, schema: {params: runParams}}, async request => {
		const result = await call('cancel-run', {runId: request.params.id});
		if (!result.ok) {
			const reason = result.reason ?? 'not cancelled';
			throw unknownRun(reason) ? new HttpError(404, 'not-found', reason) : new HttpError(409, 'not-cancelled', reason);
		}

		return result;
	});
	app.post<{Params: {id: number}}>('/v1/runs/:id/retry', {config: {scope: 'control'}, schema: {params: runParams}}, async (request, reply) => {
		const result = await call('retry-run', {runId: request.params.id});
		if (!result.ok) {
			throw unknownRun(result.reason) ? new HttpError(404, 'not-found', result.reason) : new HttpError(409, 'not-started', result.reason, {run: result.run});
		}

		return reply.code(202).send({runId: result.run.id, run: result.run});
	});
};
