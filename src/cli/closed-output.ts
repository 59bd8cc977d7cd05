/**
 * A command that only prints (history, logs, show, list…) piped into a reader that stops early
 * (`sage-console logs 42 | head`) gets EPIPE on its next write: it ends quietly then, as Unix tools do
 * on SIGPIPE, instead of an unhandled-error stack. Not for the scheduler, a worker or a foreground run:
 * those have work to finish whoever reads their output.
 */
export function quitWhenOutputClosed(): void {
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') {
			throw error;
		}

		process.exit(process.exitCode ?? 0);
	});
}
