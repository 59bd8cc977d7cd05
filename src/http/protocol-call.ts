/**
 * The HTTP API is one more client of the protocol: each route becomes requests to the scheduler over
 * its connection (a MessagePort from the API's thread), with the same params check. Refusals become
 * HTTP errors; a scheduler that went away is 503.
 */
import type {Method, ParamsOf, ResultOf} from '../protocol/messages.js';
import {checkParams} from '../protocol/params-check.js';
import {ConnectionClosedError, ProtocolError} from '../protocol/wire.js';
import {HttpError, statusOfProtocolError} from './http-errors.js';

export type ProtocolCall = <M extends Method>(method: M, params: ParamsOf<M>) => Promise<ResultOf<M>>;

/** What the API needs of a `SchedulerClient`. */
export type ProtocolRequester = {request<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>};

/**
 * Requests in flight to the scheduler at once; the others wait on the API's thread. Node hands a
 * thread every message waiting on its port in one turn of its event loop, so a burst of requests
 * (clients that came back together after a pause) would be one long slice on the scheduler's thread
 * and a late fire; four at a time keep a turn to a few milliseconds (a page of runs at 1,000,000 rows
 * is ~0.7 ms).
 * @default 4
 */
export const maxInFlight = 4;

export function protocolCall(client: ProtocolRequester, limit = maxInFlight): ProtocolCall {
	let inFlight = 0;
	const waiting: Array<() => void> = [];
	const release = () => {
		const next = waiting.shift();
		if (next) {
			next();
		} else {
			inFlight--;
		}
	};

	return async (method, params) => {
		const problem = checkParams(method, params);
		if (problem) {
			throw new HttpError(400, 'bad-params', problem);
		}

		if (inFlight < limit) {
			inFlight++;
		} else {
			// The slot is handed over by `release`, never freed in between.
			await new Promise<void>(resolve => {
				waiting.push(resolve);
			});
		}

		try {
			return await client.request(method, params);
		} catch (error) {
			if (error instanceof ProtocolError) {
				throw new HttpError(statusOfProtocolError(error.code), error.code, error.message);
			}

			if (error instanceof ConnectionClosedError) {
				throw new HttpError(503, 'unavailable', `the scheduler is not reachable: ${error.message}`);
			}

			throw error;
		} finally {
			release();
		}
	};
}
