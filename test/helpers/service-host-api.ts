import {tokens} from '../http/api-fixtures.js';
import type {ServiceHost, trackServiceHosts} from '../supervisor/service-host.js';
import type {TempRoot} from './temp-root.js';

/**
 * A service host (opened by trackServiceHosts' `startHost`, closed after the test) that serves the HTTP
 * API on a free local port and takes the test tokens (api-fixtures' `tokens`, set in SAGE_API_TOKENS
 * only while it starts). `yaml` is jobs.yaml after its `http:` section; `root` holds the scripts it names.
 * Returns the host and the API's base URL.
 */
export async function startHostWithApi(startHost: ReturnType<typeof trackServiceHosts>, root: TempRoot, yaml: string, at: string): Promise<{t: ServiceHost; base: string}> {
	process.env.SAGE_API_TOKENS = tokens;
	try {
		const t = await startHost(`http:
  listen: "127.0.0.1:0"
${yaml}`, {at, root});
		return {t, base: t.host.apiUrl!};
	} finally {
		delete process.env.SAGE_API_TOKENS;
	}
}
