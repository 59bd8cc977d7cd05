/** The config reader thread's program (see config-reader-thread.ts). */
import {parentPort, workerData} from 'node:worker_threads';
import {ConfigError} from '../config/config-problem.js';
import {readJobsConfig} from '../config/load-jobs-config.js';

const {text, file, root} = workerData as {text: string; file: string; root: string};
try {
	parentPort!.postMessage({ok: true, reading: readJobsConfig(text, file, root)});
} catch (error) {
	parentPort!.postMessage(error instanceof ConfigError ? {ok: false, problems: error.problems, missingFiles: error.missingFiles} : {ok: false, message: (error as Error).message});
}
