import {pathToFileURL} from 'node:url';
import type {RunError} from '../core/run-record.js';
import type {LoadProblems} from './job-bundles.js';

/**
 * A JavaScript job's load error with its place. Node's, for an ES module (the job or a helper it
 * imports), names no line: a SyntaxError names no file either (`Unexpected token ','`), a missing
 * local import is `Cannot find module '…/lib/x.mjs' imported from …`, both over Node's own loader
 * frames. The bundler read the same sources and said where (`jobs/foo.mjs:2:16: Expected identifier
 * but found ","`, `jobs/foo.mjs:1:22: Could not resolve "./lib/x.mjs"`): that becomes the message,
 * as a TypeScript job's, Node's words stay in the stack. An error that names the file already (a
 * CommonJS job's, an import of a name the helper does not export) is left as Node gave it, and so
 * is one thrown by running code (`JSON.parse` of bad text), whose frames are the job's.
 */
export function placedLoadError(error: RunError, problems: LoadProblems | undefined): RunError {
	if (!problems || !onlyNodeFrames(error.stack)) {
		return error;
	}

	if (error.type === 'SyntaxError' && problems.syntax) {
		const told = `${error.message}\n${error.stack ?? ''}`;
		if (told.includes(problems.syntax.file) || told.includes(pathToFileURL(problems.syntax.file).href)) {
			return error;
		}

		return {type: 'SyntaxError', message: problems.syntax.text, stack: `SyntaxError: ${problems.syntax.text}\n(Node said: ${error.message})`};
	}

	if (problems.unresolved && error.message.startsWith('Cannot find module ')) {
		return {type: 'ModuleNotFound', message: problems.unresolved.text, stack: `ModuleNotFound: ${problems.unresolved.text}\n(Node said: ${error.message})`};
	}

	return error;
}

/** Whether every frame of `stack` is Node's own (its module loader's): the job's code never ran. */
function onlyNodeFrames(stack: string | undefined): boolean {
	const frames = (stack ?? '').split('\n').filter(line => /^\s+at /.test(line));
	return frames.every(line => line.includes('node:internal/'));
}
