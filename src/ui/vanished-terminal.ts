import {closeSync, openSync} from 'node:fs';

/**
 * The console's terminal going away (tmux killed, an ssh connection dropped): writes to it fail with
 * EIO or EPIPE, as SIGHUP arrives. A process-wide fact, kept here for the last step before exit.
 */
let vanished = false;

/** Calls `onGone` when a write to the terminal fails; from then on, terminalVanished() is true. */
export function watchTerminal(onGone: () => void): void {
	process.stdout.on('error', () => {
		vanished = true;
		onGone();
	});
}

export function terminalVanished(): boolean {
	return vanished;
}

/**
 * The last step of a console whose terminal went away. On exit, Node puts back the terminal settings
 * of stdin, stdout and stderr and aborts when that fails, as it does on a hung-up terminal (EIO: exit
 * code 134 and "Assertion failed" in ResetStdio, after a shutdown that went well). It leaves alone a
 * descriptor the program opened to another file, so the three are pointed at /dev/null. Does nothing
 * while the terminal is there. Call it only once every other thread has ended: a descriptor is closed
 * and opened again, and the lowest free number is the one taken.
 */
export function releaseVanishedTerminal(): void {
	if (!vanished) {
		return;
	}

	for (const [fd, flags] of [[0, 'r'], [1, 'w'], [2, 'w']] as const) {
		try {
			closeSync(fd);
			const opened = openSync('/dev/null', flags);
			if (opened !== fd) {
				// Another number was free first (not with the other threads ended): keep to what is known.
				closeSync(opened);
			}
		} catch {
			// Already closed, or no /dev/null: nothing better to do on the way out.
		}
	}
}
