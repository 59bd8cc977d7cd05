import {existsSync} from 'node:fs';
import path from 'node:path';
import {formatDuration} from '../../config/quantities.js';
import type {RunRecord} from '../../core/run-record.js';
import {isFinal} from '../../core/run-states.js';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * What `logs` says of an ended run whose log file is not there any more; undefined while it is there,
 * or the run has none yet. Retention is named only for a run that ended more than `logDays` ago (it
 * deletes run logs last written before then, keeping runs in history longer, by runs_days); a younger
 * run's log was deleted or moved by something else, and the text says so with where it was written.
 * `logDays` undefined (the jobs file cannot be read): either may have happened, and the text says both.
 */
export function goneRunLogText(run: Pick<RunRecord, 'id' | 'status' | 'logPath' | 'error' | 'finishedAt'>, root: string, logDays: number | undefined, now = Date.now()): string | undefined {
	// A run whose log could not be made (logs/ full or read-only) says so in its own error.
	if (!run.logPath || !isFinal(run.status) || run.error?.type === 'RunLogUnavailable' || existsSync(run.logPath)) {
		return undefined;
	}

	const shown = path.relative(root, run.logPath).startsWith('..') ? run.logPath : path.relative(root, run.logPath);
	const showIt = `sage-console show ${run.id} has its result and error`;
	if (logDays === undefined) {
		return `sage-console: the log of run ${run.id}, ${shown}, is not there any more: deleted by retention's logs_days, or by hand; ${showIt}`;
	}

	const endedAgo = run.finishedAt === undefined ? undefined : now - run.finishedAt;
	if (endedAgo === undefined || endedAgo > logDays * dayMs) {
		return `sage-console: the log of run ${run.id}, ${shown}, is not there any more: run logs are deleted after retention's logs_days (history keeps the run longer, by runs_days); ${showIt}`;
	}

	return `sage-console: the log of run ${run.id} is gone from ${shown}, where it was written; retention did not remove it (the run ended ${formatDuration(Math.max(0, Math.round(endedAgo / 1000) * 1000))} ago, run logs are kept ${logDays} days by logs_days): it was deleted or moved by something else; ${showIt}`;
}

/**
 * What `logs` says (on stderr, beside its empty output) of an ended run that never had a log: skipped,
 * or cancelled or failed before it started; undefined for any other run.
 */
export function noRunLogText(run: Pick<RunRecord, 'id' | 'status' | 'logPath' | 'startedAt'>): string | undefined {
	if (run.logPath || !isFinal(run.status)) {
		return undefined;
	}

	return `sage-console: run ${run.id} (${run.status}) has no log: ${run.startedAt === undefined ? 'it never started' : 'none was written'}; sage-console show ${run.id} has why`;
}
