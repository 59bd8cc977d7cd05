/**
 * `?job=` on lists (runs, statistics): a job id nobody knows is a typo to say, not an empty answer.
 * A job removed from jobs.yaml still has its runs, so the filter stands while history holds any.
 */
import {unknownIdText} from '../config/unknown-id-text.js';
import {HttpError} from './http-errors.js';
import type {ProtocolCall} from './protocol-call.js';

/**
 * Asked only when the filtered answer came back empty: a job or service of jobs.yaml, or one with runs
 * in history (one indexed row), is known.
 * @throws HttpError 404 `not-found` naming the known ids, as `/v1/jobs/:id/pause` does
 */
export async function checkJobFilter(call: ProtocolCall, jobId: string): Promise<void> {
	const snapshot = await call('snapshot', {});
	const known = [...snapshot.jobs.map(job => job.id), ...(snapshot.services ?? []).map(service => service.id)];
	if (known.includes(jobId) || (await call('history', {jobId, limit: 1})).length > 0) {
		return;
	}

	throw new HttpError(404, 'not-found', unknownIdText({what: 'job', id: jobId, known}));
}
