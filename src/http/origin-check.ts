/**
 * Cross-site requests from a browser are refused. The Host check stops DNS rebinding, but a page on
 * evil.example open in the operator's browser (on the box, or through an `ssh -L` tunnel) can still send
 * "simple" requests to http://127.0.0.1:8470 with the right Host: a POST with a text/plain body needs no
 * CORS preflight, so without a token it could import a job list with any command and run it. Browsers
 * say where a request comes from (`Origin` on a cross-origin POST, `Sec-Fetch-Site` on every request);
 * curl, scripts, Prometheus and proxies send neither, and an address typed into the browser is `none`.
 */
import type {IncomingHttpHeaders} from 'node:http';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Why the request is a cross-site one, or undefined when it is not (or comes from no browser).
 * `hosts`: the Host values the API answers to; a page from one of them is its own (a reverse proxy
 * in allowed_hosts may forward another Host than the browser's).
 */
export function crossSiteProblem(headers: IncomingHttpHeaders, hosts: ReadonlySet<string>): string | undefined {
	const site = first(headers['sec-fetch-site'])?.toLowerCase();
	if (site !== undefined && site !== 'same-origin' && site !== 'none') {
		return `a browser page on another site cannot use this API (Sec-Fetch-Site: ${site})`;
	}

	const origin = first(headers.origin);
	if (origin === undefined) {
		return undefined;
	}

	let host: string | undefined;
	try {
		host = new URL(origin).host;
	} catch {
		// `null` (a sandboxed frame, a file:// page) or not a URL: not this API's page.
	}

	const own = host !== undefined && (host.toLowerCase() === headers.host?.toLowerCase() || hosts.has(host.toLowerCase()));
	return own ? undefined : `a browser page from ${origin} cannot use this API (only its own origin)`;
}
