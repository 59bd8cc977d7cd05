/**
 * The console's terminal going away (tmux killed, an ssh connection dropped): writes to it fail with
 * EIO or EPIPE, as SIGHUP arrives. What Node needs on the way out then is src/cli/vanished-terminal.ts.
 */
export function watchTerminal(onGone: () => void): void {
	process.stdout.on('error', () => {
		onGone();
	});
}
