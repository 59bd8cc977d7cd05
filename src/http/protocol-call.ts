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

export function protocolCall(client: ProtocolRequester): ProtocolCall {
	return async (method, params) => {
		const problem = checkParams(method, params);
		if (problem) {
			throw new HttpError(400, 'bad-params', problem);
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
		}
	};
}
