import {afterAll, beforeAll} from 'vitest';
import {tokens} from '../http/api-fixtures.js';
import {startApiHost, type ApiHost} from '../http/api-host.js';

/**
 * One API host (startApiHost, the test tokens unless told) shared by every test of the calling file:
 * started before the first, closed after the last. Call it at the top of the file; the object it
 * returns reads the started host, so use it inside the tests.
 */
export function apiHostForFile(jobsYaml: string, options: Parameters<typeof startApiHost>[1] = {tokens}): Pick<ApiHost, 'host' | 'url' | 'root'> {
	let started: ApiHost | undefined;
	beforeAll(async () => {
		started = await startApiHost(jobsYaml, options);
	});
	afterAll(async () => {
		await started?.close();
	});
	const h = () => {
		if (!started) {
			throw new Error('the API host is not started: read it inside a test');
		}

		return started;
	};

	return {
		get host() {
			return h().host;
		},
		get url() {
			return h().url;
		},
		get root() {
			return h().root;
		},
	};
}
