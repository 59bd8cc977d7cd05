import {existsSync} from 'node:fs';
import path from 'node:path';
import type {RunRecord} from '../../core/run-record.js';
import {isFinal} from '../../core/run-states.js';

/**
 * What `logs` says of an ended run whose log file is not there any more (retention's `logs_days` keeps
 * run logs a shorter time than runs, or it was deleted by hand); undefined while it is there, or the
 * run has none yet. It printed nothing and exited 0, as for an empty log.
 */
export function goneRunLogText(run: Pick<RunRecord, 'id' | 'status' | 'logPath' | 'error'>, root: string): string | undefined {
	// A run whose log could not be made (logs/ full or read-only) says so in its own error.
	if (!run.logPath || !isFinal(run.status) || run.error?.type === 'RunLogUnavailable' || existsSync(run.logPath)) {
		return undefined;
	}

	const shown = path.relative(root, run.logPath).startsWith('..') ? run.logPath : path.relative(root, run.logPath);
	return `sage-console: the log of run ${run.id}, ${shown}, is not there any more: run logs are deleted after retention's logs_days (history keeps the run longer, by runs_days); sage-console show ${run.id} has its result and error`;
}
