/**
 * What a job's or service's id may be. The HTTP API addresses each by its id in the path
 * (`/v1/jobs/ID`, `/v1/services/ID`, `/v1/heartbeats/ID`), whose schemas take at most `maxIdLength`
 * characters, and a service's output files are named by it (`logs/services/ID.err.log`, within a file
 * system's 255 bytes): an id jobs.yaml took past that could be scheduled but never reached.
 */

/** @default 200 */
export const maxIdLength = 200;

/**
 * Why `id` cannot be one, or undefined. `path` is the API's path to it (`/v1/jobs/ID`).
 */
export function idProblem(id: string, path: string): string | undefined {
	if (!/^[a-z\d_-]+$/.test(id)) {
		return `id "${id}" may use only a-z, 0-9, _ and -`;
	}

	if (id.length > maxIdLength) {
		return `id "${id.slice(0, 40)}..." is ${id.length} characters long; an id has at most ${maxIdLength}, the longest the HTTP API can address (${path})`;
	}

	return undefined;
}
