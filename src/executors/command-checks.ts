import {accessSync, constants, statSync} from 'node:fs';
import path from 'node:path';
import type {RunError} from '../core/run-record.js';
import {fileErrorText} from '../log/file-error-text.js';

/**
 * The working directory, checked before anything starts: a spawn in a missing directory fails with
 * ENOENT, which Node words as if the program were missing ("spawn sh ENOENT").
 */
export function checkWorkingDirectory(cwd: string): RunError | undefined {
	try {
		if (!statSync(cwd).isDirectory()) {
			return {type: 'WorkingDirectoryMissing', message: `working directory ${cwd} is not a directory`};
		}

		return undefined;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') {
			return {type: 'WorkingDirectoryMissing', message: `working directory ${cwd} does not exist`};
		}

		return {type: 'WorkingDirectoryMissing', message: `working directory ${cwd} cannot be used: ${fileErrorText(error)}`};
	}
}

/**
 * Finds the program as exec would (a name with a slash relative to `cwd`, else along `PATH`), so a
 * missing one is reported by its name rather than as a failed start of the wrapper around it.
 */
export function checkProgram(program: string | undefined, cwd: string, searchPath: string | undefined, shown = program): RunError | undefined {
	if (!program) {
		return {type: 'CommandNotFound', message: 'the command is empty'};
	}

	if (program.includes('/')) {
		const file = path.resolve(cwd, program);
		const problem = executableProblem(file);
		if (problem === 'missing') {
			return {type: 'CommandNotFound', message: `command not found: ${shown} (no such file ${file})`};
		}

		return problem ? {type: 'CommandNotExecutable', message: `cannot run ${shown}: ${problem}`} : undefined;
	}

	for (const folder of (searchPath ?? '').split(':')) {
		if (!executableProblem(path.resolve(cwd, folder || '.', program))) {
			return undefined;
		}
	}

	return {type: 'CommandNotFound', message: `command not found: ${shown} (not in PATH)`};
}

/** Why `file` cannot be executed ('missing' when it does not exist), or undefined when it can. */
function executableProblem(file: string): string | undefined {
	try {
		if (statSync(file).isDirectory()) {
			return 'it is a directory';
		}

		accessSync(file, constants.X_OK);
		return undefined;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : fileErrorText(error);
	}
}
