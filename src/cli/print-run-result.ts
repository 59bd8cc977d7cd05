import {formatDuration} from '../config/quantities.js';
import type {RunRecord} from '../core/run-record.js';
import {isCutResult} from '../core/run-result-cut.js';
import {capText} from '../executors/progress-value.js';
import {printable} from '../log/printable-text.js';

/** The most of a run's result printed after it; `show ID --json` gives what history keeps. */
const maxResultShown = 2000;

/**
 * How a run ended, printed after its log by `run JOB` and `logs RUN --follow`: `run 3 backup_db: failed
 * in 1.2s` (`… on worker gpu1:41234` for a run on workers), its error with the stack, the start of its result and its log's path.
 */
export function printRunResult(record: RunRecord | undefined): void {
	if (!record) {
		return;
	}

	const duration = record.durationMs === undefined ? '' : ` in ${formatDuration(record.durationMs)}`;
	const day = record.tradeDate ? ` [${record.tradeDate}]` : '';
	// A run on workers says which one carried it out, as history and show do.
	const where = record.worker === undefined ? '' : ` on worker ${record.worker}`;
	process.stdout.write(`run ${record.id} ${record.jobId}${day}: ${record.status}${duration}${where}\n`);
	if (record.error) {
		// The stack starts with "Type: message" itself: said once. The job's text is shown, not obeyed.
		const headline = `${record.error.type}: ${record.error.message}`;
		const stack = record.error.stack?.startsWith(headline) ? record.error.stack.slice(headline.length).replace(/^\n/, '') : record.error.stack;
		const text = stack ? `${headline}\n${stack}` : headline;
		process.stdout.write(`${text.split('\n').map(line => printable(line)).join('\n')}\n`);
	}

	if (record.result !== undefined) {
		// A 10 MB result is not for the terminal: its start, and how long it was (one the scheduler kept cut, too).
		const cut = isCutResult(record.result) ? record.result : undefined;
		const text = cut ? cut.preview : JSON.stringify(record.result);
		const length = cut?.length ?? text.length;
		process.stdout.write(`result: ${length > maxResultShown ? `${capText(text, maxResultShown)} (${length} characters in all)` : text}\n`);
	}

	process.stdout.write(`log: ${record.logPath ?? '—'}\n`);
}
