/**
 * The token a request presents: `Authorization: Bearer TOKEN`, or `?access_token=TOKEN` (RFC 6750
 * §2.3) on the streams a browser follows, `GET /v1/events` and `GET /v1/runs/ID/log`: a browser's
 * `EventSource` cannot send a header. A URL is kept where a header is not (a reverse proxy's access
 * log, browser history), so a control token is never taken there; the streams need only a read one.
 * The API logs no request line, and a refusal never repeats a token.
 */
import type {FastifyRequest} from 'fastify';

/** The query field, for the schemas of the routes that take it (`urlToken` in their config). */
export const urlTokenField = {access_token: {type: 'string'}} as const;

export const urlTokenRoutes = 'GET /v1/events and GET /v1/runs/ID/log';

export type PresentedToken = {token: string; inUrl: boolean};

function bearer(header: string | undefined): string | undefined {
	const match = header === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header);
	return match?.[1];
}

/** The token in the URL, whether or not this route takes one there. */
export function urlToken(request: FastifyRequest): string | undefined {
	const value = (request.query as {access_token?: unknown} | undefined)?.access_token;
	return typeof value === 'string' ? value : undefined;
}

/** The header's token; else the URL's, on a route that takes one (read by GET or HEAD). */
export function presentedToken(request: FastifyRequest): PresentedToken | undefined {
	const fromHeader = bearer(request.headers.authorization);
	if (fromHeader !== undefined) {
		return {token: fromHeader, inUrl: false};
	}

	const fromUrl = request.routeOptions.config.urlToken && ['GET', 'HEAD'].includes(request.method) ? urlToken(request) : undefined;
	return fromUrl === undefined ? undefined : {token: fromUrl, inUrl: true};
}
