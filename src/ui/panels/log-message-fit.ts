import {displayWidth, fit} from '../text-fit.js';

/** The fewest cells a job id inside a message is shortened to (`long_runnin…`). */
const idCellsAtLeast = 12;

/**
 * A log message that names its own job (`■ long_running_backtest_… cancelled (run 16, 5.6s)`),
 * fitted to `width` cells by shortening that id first: the words after it (the run's outcome, its
 * error) are what the row is for, and the job column already names the job. A message that fits, or
 * does not name its job, is returned as it is (the row cuts it at its end).
 */
export function ownIdShortened(message: string, jobId: string | undefined, width: number): string {
	const over = displayWidth(message) - width;
	const at = jobId === undefined || jobId.length <= idCellsAtLeast ? -1 : message.indexOf(jobId);
	if (over <= 0 || at < 0) {
		return message;
	}

	// Job ids are [a-z0-9_-]: one cell a character.
	const cells = Math.max(idCellsAtLeast, jobId!.length - over);
	return `${message.slice(0, at)}${fit(jobId!, cells)}${message.slice(at + jobId!.length)}`;
}
