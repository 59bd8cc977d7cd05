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
		response = await postFollowingSafely(target.url, {headers: {'content-type': 'application/json', ...target.headers}, body: JSON.stringify(body), signal});
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

/** 307 and 308 redirects followed at most (fetch follows 20). */
const maxRedirects = 5;

/**
 * POSTs to `url`, following a redirect only where it stays a POST with its body (307, 308). A 301, 302
 * or 303 is a failure naming where the receiver moved: fetch would follow it with a GET without the
 * body, and a receiver that answers that GET with 200 (an http:// URL moved to https://) made the lost
 * alert read as sent. The Authorization header does not follow to another origin.
 */
export async function postFollowingSafely(url: string, init: {headers: Record<string, string>; body: string; signal: AbortSignal}): Promise<Response> {
	let target = url;
	let {headers} = init;
	for (let hops = 0; ; hops++) {
		const response = await fetch(target, {method: 'POST', headers, body: init.body, signal: init.signal, redirect: 'manual'});
		const location = response.headers.get('location');
		if (response.status < 300 || response.status >= 400 || location === null) {
			return response;
		}

		await response.arrayBuffer().catch(() => undefined);
		const next = new URL(location, target);
		if ((response.status !== 307 && response.status !== 308) || hops >= maxRedirects) {
			throw new DeliveryError(`HTTP ${response.status}, moved to ${next.href}: a redirected POST would arrive without the message; give that URL in notify_config.json`, false);
		}

		if (next.origin !== new URL(target).origin) {
			headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
		}

		target = next.href;
	}
}

/**
 * A fetch that got no answer, as a retryable DeliveryError saying why: "no answer in time", or
 * undici's "fetch failed" with its cause ("fetch failed (connect ECONNREFUSED 10.0.0.5:443)").
 */
export function fetchFailure(error: unknown): DeliveryError {
	if (error instanceof DeliveryError) {
		return error;
	}

	const {name, message, cause} = error as Error;
	if (name === 'TimeoutError' || name === 'AbortError') {
		return new DeliveryError('no answer in time', true);
	}

	const why = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
	return new DeliveryError(`${message}${why}`, true);
}
