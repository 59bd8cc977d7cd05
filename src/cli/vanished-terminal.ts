import {closeSync, openSync} from 'node:fs';
import {isatty} from 'node:tty';

/** Which of stdin, stdout and stderr (0, 1, 2) are a terminal, as Node noted them when it started. */
export function stdioTerminals(): number[] {
	return [0, 1, 2].filter(fd => isatty(fd));
}

/**
 * The last step of every command. On exit, Node puts back the terminal settings of those of stdin,
 * stdout and stderr that were a terminal when it started, and aborts when that fails, as it does on a
 * terminal that went away (tmux killed, ssh dropped: EIO, exit code 134 and "Assertion failed" in
 * ResetStdio, after a shutdown that went well). That is the console's terminal, and also the stdin of
 * `nohup sage-console --headless > out &` started from it. A hung-up terminal is no longer a terminal
 * (isatty fails); Node leaves alone a descriptor the program opened to another file, so those are
 * pointed at /dev/null. Nothing happens while the terminal is there. Call it only once every other
 * thread has ended: a descriptor is closed and opened again, and the lowest free number is the one taken.
 */
export function releaseVanishedTerminal(terminals: readonly number[]): void {
	const flags = ['r', 'w', 'w'] as const;
	for (const fd of terminals) {
		if (isatty(fd)) {
			continue;
		}

		try {
			closeSync(fd);
			const opened = openSync('/dev/null', flags[fd] ?? 'w');
			if (opened !== fd) {
				// Another number was free first (not with the other threads ended): keep to what is known.
				closeSync(opened);
			}
		} catch {
			// Already closed, or no /dev/null: nothing better to do on the way out.
		}
	}
}
