/**
 * The HTTP API is one more transport for the protocol: each route becomes one request to the same
 * handler the socket and the console use, with the same params check. Refusals become HTTP errors.
 */
import type {Method, ParamsOf, ResultOf} from '../protocol/messages.js';
import {checkParams} from '../protocol/params-check.js';
import type {RequestHandler} from '../protocol/server-session.js';
import {ProtocolError} from '../protocol/wire.js';
import {HttpError, statusOfProtocolError} from './http-errors.js';

export type ProtocolCall = <M extends Method>(method: M, params: ParamsOf<M>) => Promise<ResultOf<M>>;

export function protocolCall(handler: RequestHandler): ProtocolCall {
	return async (method, params) => {
		const problem = checkParams(method, params);
		if (problem) {
			throw new HttpError(400, 'bad-params', problem);
		}

		try {
			return await handler(method, params);
		} catch (error) {
			if (error instanceof ProtocolError) {
				throw new HttpError(statusOfProtocolError(error.code), error.code, error.message);
			}

			throw error;
		}
	};
}
