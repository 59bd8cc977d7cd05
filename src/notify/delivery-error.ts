import {splitCredentials} from './url-credentials.js';

/** A failed send: `retryable` ones are tried again with backoff; `pauseUntil` stops the channel (a daily limit). */
export class DeliveryError extends Error {
	override name = 'DeliveryError';

	constructor(message: string, readonly retryable: boolean, readonly pauseUntil?: number) {
		super(message);
	}
}

/** POSTs JSON and returns the parsed JSON body; network errors and HTTP 5xx/429 are retryable. */
export async function postJson(url: string, body: unknown, signal: AbortSignal): Promise<Record<string, unknown>> {
	const target = splitCredentials(url);
	let response: Response;
	try {
		response = await fetch(target.url, {method: 'POST', headers: {'content-type': 'application/json', ...target.headers}, body: JSON.stringify(body), signal});
	} catch (error) {
		throw fetchFailure(error);
	}

	const text = await response.text();
	if (!response.ok) {
		throw new DeliveryError(`HTTP ${response.status}`, response.status >= 500 || response.status === 429);
	}

	try {
		return JSON.parse(text) as Record<string, unknown>;
	} catch {
		throw new DeliveryError(`answer is not JSON: ${text.slice(0, 80)}`, true);
	}
}

/**
 * A fetch that got no answer, as a retryable DeliveryError saying why: "no answer in time", or
 * undici's "fetch failed" with its cause ("fetch failed (connect ECONNREFUSED 10.0.0.5:443)").
 */
export function fetchFailure(error: unknown): DeliveryError {
	const {name, message, cause} = error as Error;
	if (name === 'TimeoutError' || name === 'AbortError') {
		return new DeliveryError('no answer in time', true);
	}

	const why = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
	return new DeliveryError(`${message}${why}`, true);
}
