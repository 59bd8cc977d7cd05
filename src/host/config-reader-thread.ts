import {Worker} from 'node:worker_threads';
import {ConfigError} from '../config/config-problem.js';
import {readJobsConfig, type JobsConfigReading} from '../config/load-jobs-config.js';
import type {JobDefinition} from '../core/job-definition.js';
import type {ReaderAnswer} from './config-reader-messages.js';
import {workerBootCode} from '../threads/thread-boot-code.js';

/**
 * Files larger than this are read on a thread of their own: a jobs.yaml of thousands of jobs takes
 * seconds to read, and on the scheduler's thread every fire in those seconds would wait.
 */
const offThreadBytes = 64 * 1024;

/**
 * Reads a jobs.yaml text as readJobsConfig does; a large one on a short-lived thread, so the thread
 * that fires jobs is not held while it is parsed and checked, nor while the jobs are taken in (a slice
 * per message, each asked for when the one before is in).
 * @throws ConfigError with every problem, as readJobsConfig
 */
export async function readJobsConfigAside(text: string, file: string, root: string): Promise<JobsConfigReading> {
	if (Buffer.byteLength(text) < offThreadBytes) {
		return readJobsConfig(text, file, root);
	}

	const worker = new Worker(workerBootCode('config-reader-entry', import.meta.url, 'from-source'), {eval: true, workerData: {text, file, root}});
	const answers: ReaderAnswer[] = [];
	let wake: (() => void) | undefined;
	let failure: Error | undefined;
	worker.on('message', (answer: ReaderAnswer) => {
		answers.push(answer);
		wake?.();
	});
	worker.once('error', error => {
		failure = error;
		wake?.();
	});
	worker.once('exit', code => {
		failure ??= new Error(`the config reader thread ended (code ${code}) without an answer`);
		wake?.();
	});
	const next = async (): Promise<ReaderAnswer> => {
		while (answers.length === 0) {
			if (failure) {
				throw failure;
			}

			await new Promise<void>(resolve => {
				wake = resolve;
			});
		}

		return answers.shift()!;
	};

	try {
		const first = await next();
		if ('jobs' in first) {
			throw new Error('the config reader thread answered out of turn');
		}

		if (!first.ok) {
			throw first.problems ? new ConfigError(first.problems, {missingFiles: first.missingFiles}) : new Error(first.message);
		}

		const jobs: JobDefinition[] = [];
		while (jobs.length < first.jobCount) {
			worker.postMessage('more');
			const slice = await next();
			if (!('jobs' in slice) || slice.jobs.length === 0) {
				throw new Error('the config reader thread answered out of turn');
			}

			jobs.push(...slice.jobs);
		}

		return {config: {...first.reading.config, jobs}, warnings: first.reading.warnings};
	} finally {
		// Its listeners stay: an error it might still raise while it ends must find one.
		void worker.terminate();
	}
}
