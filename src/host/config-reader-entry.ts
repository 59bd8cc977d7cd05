/**
 * The config reader thread's program (see config-reader-thread.ts): reads the text, answers with the
 * config less its jobs, then hands the jobs over a slice per `more` asked, and ends after the last.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {ConfigError} from '../config/config-problem.js';
import {readJobsConfig} from '../config/load-jobs-config.js';
import {jobsPerSlice, type ReaderAnswer} from './config-reader-messages.js';

const port = parentPort!;
const {text, file, root} = workerData as {text: string; file: string; root: string};
const tell = (answer: ReaderAnswer) => {
	port.postMessage(answer);
};

try {
	const {config, warnings} = readJobsConfig(text, file, root);
	const {jobs} = config;
	tell({ok: true, reading: {config: {...config, jobs: []}, warnings}, jobCount: jobs.length});
	let sent = 0;
	port.on('message', () => {
		tell({jobs: jobs.slice(sent, sent + jobsPerSlice)});
		sent += jobsPerSlice;
		if (sent >= jobs.length) {
			port.close();
		}
	});
} catch (error) {
	tell(error instanceof ConfigError ? {ok: false, problems: error.problems, missingFiles: error.missingFiles} : {ok: false, message: (error as Error).message});
}
