import type {ConfigProblem} from '../config/config-problem.js';
import type {JobsConfigReading} from '../config/load-jobs-config.js';
import type {JobDefinition} from '../core/job-definition.js';

/**
 * Jobs in one message from the config reader thread: taking in a message is one step of the
 * scheduler's thread, and 5,000 jobs at once held it for a tenth of a second.
 */
export const jobsPerSlice = 250;

/**
 * What the config reader thread answers: the reading (its config without jobs, and `jobCount`, the
 * jobs to ask for a slice at a time), or what was wrong; then, per slice asked, the next jobs.
 */
export type ReaderAnswer =
	| {ok: true; reading: JobsConfigReading; jobCount: number}
	| {ok: false; problems?: ConfigProblem[]; missingFiles?: string[]; message?: string}
	| {jobs: JobDefinition[]};
