import {accessSync, closeSync, constants, openSync, readSync, statSync} from 'node:fs';
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

		return problem ? {type: 'CommandNotExecutable', message: `cannot run ${shown}: ${problem}`} : interpreterProblem(file, shown);
	}

	for (const folder of (searchPath ?? '').split(':')) {
		const file = path.resolve(cwd, folder || '.', program);
		if (!executableProblem(file)) {
			return interpreterProblem(file, shown);
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

/**
 * A script whose `#!` line names an interpreter that is not there (`#!/usr/bin/python` on a Debian with
 * only python3): exec fails with ENOENT as if the script itself were missing, and through setpriv the
 * run read `exited with code 127: setpriv: failed to execute scripts/x.py: No such file or directory`.
 */
function interpreterProblem(file: string, shown: string | undefined): RunError | undefined {
	const interpreter = shebangInterpreter(file);
	if (interpreter === undefined || !path.isAbsolute(interpreter)) {
		return undefined;
	}

	const problem = executableProblem(interpreter);
	if (problem === undefined) {
		return undefined;
	}

	if (interpreter.endsWith('\r')) {
		// Saved with Windows line endings: the kernel looks for a program whose name ends in CR.
		return {type: 'CommandNotFound', message: `cannot run ${shown}: its #! line names ${interpreter.slice(0, -1)} followed by a carriage return (the file has Windows line endings)`};
	}

	const why = problem === 'missing' ? 'which does not exist' : `which cannot be run: ${problem}`;
	return {type: problem === 'missing' ? 'CommandNotFound' : 'CommandNotExecutable', message: `cannot run ${shown}: its #! line names ${interpreter}, ${why}`};
}

/** The interpreter a `#!` line names, if the file starts with one (and can be read). */
function shebangInterpreter(file: string): string | undefined {
	const head = Buffer.alloc(256);
	let length: number;
	try {
		const fd = openSync(file, 'r');
		try {
			length = readSync(fd, head, 0, head.length, 0);
		} finally {
			closeSync(fd);
		}
	} catch {
		return undefined;
	}

	const text = head.subarray(0, length).toString('latin1');
	if (!text.startsWith('#!')) {
		return undefined;
	}

	// Split at spaces and tabs only, as the kernel does: a CR of a Windows line ending is part of the name.
	return /^#![ \t]*([^ \t]+)/.exec(text.split('\n', 1)[0]!)?.[1];
}
