import {pathToFileURL} from 'node:url';
import type {RunError} from '../core/run-record.js';
import type {SyntaxProblem} from './job-bundles.js';

/**
 * A JavaScript job's SyntaxError with its place. Node's, for an ES module (the job or a helper it
 * imports), names no file or line: `Unexpected token ','` over Node's own frames. The bundler read the
 * same sources and said where (`jobs/foo.mjs:2:16: Expected identifier but found ","`): that becomes
 * the message, Node's words stay in the stack. An error that names the file already (a CommonJS job's,
 * an import of a name the helper does not export) is left as Node gave it, and so is one thrown by
 * running code (`JSON.parse` of bad text), whose frames are the job's.
 */
export function placedSyntaxError(error: RunError, problem: SyntaxProblem | undefined): RunError {
	if (!problem || error.type !== 'SyntaxError') {
		return error;
	}

	const told = `${error.message}\n${error.stack ?? ''}`;
	if (told.includes(problem.file) || told.includes(pathToFileURL(problem.file).href) || !onlyNodeFrames(error.stack)) {
		return error;
	}

	return {type: 'SyntaxError', message: problem.text, stack: `SyntaxError: ${problem.text}\n(Node said: ${error.message})`};
}

/** Whether every frame of `stack` is Node's own (its module loader's): the job's code never ran. */
function onlyNodeFrames(stack: string | undefined): boolean {
	const frames = (stack ?? '').split('\n').filter(line => /^\s+at /.test(line));
	return frames.every(line => line.includes('node:internal/'));
}
