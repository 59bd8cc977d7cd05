import {unknownIdText} from '../../config/unknown-id-text.js';
import type {AppPaths} from '../../host/paths.js';
import {loadJobsAtStart} from '../../host/jobs-at-start.js';

/**
 * `history --job ID` that matched nothing: an id neither in jobs.yaml (its jobs, groups and services, as
 * a scheduler starting now would read it) nor in history is a typo to say, as `GET /v1/runs?job=`
 * answers 404, not an empty list a script takes for "no runs yet". A job removed from jobs.yaml keeps
 * its runs, so history counts. With no jobs list to read (broken, never good), nothing is said.
 * @param hasRuns whether history holds a run of the job
 * @returns the refusal (`no job "x" …; known: …`), or undefined when the id is known or cannot be checked
 */
export function unknownJobFilter(paths: AppPaths, jobId: string, hasRuns: () => boolean): string | undefined {
	let known: string[];
	try {
		const {config} = loadJobsAtStart(paths, true);
		known = [...config.jobs.map(job => job.id), ...(config.services ?? []).map(service => service.id)];
	} catch {
		return undefined;
	}

	if (known.includes(jobId) || hasRuns()) {
		return undefined;
	}

	return unknownIdText({what: 'job', id: jobId, known, where: ' in jobs.yaml or history'});
}
