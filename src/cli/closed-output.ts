/**
 * A command that only prints (history, logs, show, list…) piped into a reader that stops early
 * (`sage-console logs 42 | head`) gets EPIPE on its next write: it ends quietly then, as Unix tools do
 * on SIGPIPE, instead of an unhandled-error stack. Not for the scheduler or a worker: those have work to
 * finish whoever reads their output (a foreground run: see {@link printWhileOutputOpen}).
 */
export function quitWhenOutputClosed(): void {
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') {
			throw error;
		}

		process.exit(process.exitCode ?? 0);
	});
}

/**
 * `run JOB | head`: the reader is gone, but the run is not the reader's to end. Its lines stop being
 * printed; the run goes on to its end, is recorded in full, and the command exits with its result
 * (what `set -o pipefail` or `PIPESTATUS` shows).
 */
export function printWhileOutputOpen(): void {
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') {
			throw error;
		}
	});
}
