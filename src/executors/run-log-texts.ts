/**
 * What a run log's trouble is called, the same whoever writes the log (this process's executor, or the
 * console writing what a worker streams): the standing notice and the outcome's note.
 */
import path from 'node:path';
import {fileErrorText} from '../log/file-error-text.js';
import type {RunSpec} from './executor.js';

/** The log's path relative to the root when inside it, as an operator finds it (`logs/jobs/20261203_004.log`). */
export function shownLogPath(spec: Pick<RunSpec, 'logPath' | 'paths'>): string {
	const relative = path.relative(spec.paths.root, spec.logPath);
	return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : spec.logPath;
}

/** The standing notice while a run log refuses writes. */
export function logTroubleText(shown: string, error: unknown): string {
	return `run logs incomplete: cannot write ${shown}: ${fileErrorText(error)}`;
}

/** The outcome's note of a log that lost `lost` lines (`closingLost`: its closing line among them). */
export function logIncompleteNote(shown: string, lost: number, closingLost: boolean, problem: unknown): string {
	const closingSaid = closingLost ? (lost === 1 ? ' (the closing line)' : ' (the closing line among them)') : '';
	return `log incomplete: ${lost} ${lost === 1 ? 'line' : 'lines'}${closingSaid} not written to ${shown}: ${fileErrorText(problem)}`;
}
