import {Worker} from 'node:worker_threads';
import {ConfigError, type ConfigProblem} from '../config/config-problem.js';
import {readJobsConfig, type JobsConfigReading} from '../config/load-jobs-config.js';
import {workerBootCode} from '../threads/thread-boot-code.js';

/**
 * Files larger than this are read on a thread of their own: a jobs.yaml of thousands of jobs takes
 * seconds to read, and on the scheduler's thread every fire in those seconds would wait.
 */
const offThreadBytes = 64 * 1024;

type Answer = {ok: true; reading: JobsConfigReading} | {ok: false; problems?: ConfigProblem[]; missingFiles?: string[]; message?: string};

/**
 * Reads a jobs.yaml text as readJobsConfig does; a large one on a short-lived thread, so the thread
 * that fires jobs is not held while it is parsed and checked.
 * @throws ConfigError with every problem, as readJobsConfig
 */
export async function readJobsConfigAside(text: string, file: string, root: string): Promise<JobsConfigReading> {
	if (Buffer.byteLength(text) < offThreadBytes) {
		return readJobsConfig(text, file, root);
	}

	const answer = await new Promise<Answer>((resolve, reject) => {
		const worker = new Worker(workerBootCode('config-reader-entry', import.meta.url, 'from-source'), {eval: true, workerData: {text, file, root}});
		worker.once('message', resolve);
		worker.once('error', reject);
		worker.once('exit', code => reject(new Error(`the config reader thread ended (code ${code}) without an answer`)));
	});
	if (answer.ok) {
		return answer.reading;
	}

	throw answer.problems ? new ConfigError(answer.problems, {missingFiles: answer.missingFiles}) : new Error(answer.message);
}
