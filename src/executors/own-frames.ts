import type {RunError} from '../core/run-record.js';

/**
 * A job's error without the frames of the job worker's own program (`fileUrl`): every job's stack
 * ended with `at async run (file:///…/dist/executors/worker-entry.js:104:45)`, which says nothing of
 * the job, reads as sage-console's fault, and took one of the few lines an alert shows.
 */
export function withoutOwnFrames(error: RunError, fileUrl: string): RunError {
	if (!error.stack) {
		return error;
	}

	const lines = error.stack.split('\n');
	const kept = lines.filter(line => !(/^\s+at /.test(line) && line.includes(`${fileUrl}:`)));
	return kept.length === lines.length ? error : {...error, stack: kept.join('\n')};
}
