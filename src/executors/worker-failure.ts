import type {RunError} from '../core/run-record.js';
import {errorInfo} from './error-info.js';

/** Why a job worker's thread failed the run: over its memory limit (`max_memory`), or the error it died of. */
export function workerFailure(error: Error, maxMemoryMb: number | undefined): RunError {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
		return {type: 'OutOfMemory', message: `the run went over its memory limit (max_memory ${maxMemoryMb ?? '?'} MiB)`, stack: error.stack};
	}

	return errorInfo(error);
}

/** The job itself ended its worker (process.exit) before the run finished. */
export function exitError(code: number): RunError {
	return {type: 'ProcessExit', message: `the job ended its worker with process.exit(${code}) before finishing`};
}
