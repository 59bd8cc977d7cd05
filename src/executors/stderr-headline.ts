/**
 * The line of a failed command's stderr that says what went wrong, for its error's message and its
 * alert: the last one, as a Python traceback or a shell script ends, except where a runtime puts a
 * stack after it. Node ends an uncaught error with its stack frames and `Node.js v20.20.2`, and Java with
 * its frames: the message was `node exited with code 1: Node.js v20.20.2`. There the line above the
 * frames is the headline (`TypeError: cannot read the quote file`).
 */

/** Node's last line after an uncaught error: its own version. */
const nodeTrailer = /^Node\.js v\d+\.\d+\.\d+$/;
/** A stack frame of Node or Java (`    at load (/srv/x.js:1:25)`, `\tat com.example.Main.main(Main.java:5)`). */
const stackFrame = /^\s+at\s/;
/** What Node prints after the frames of an error with own properties (`    at … {`, `  code: 'ENOENT'`, `}`). */
const errorProperties = /^(?:\s+[\w$[\]'"]+: .*|\}|\s*)$/;

export function stderrHeadline(tail: readonly string[]): string | undefined {
	let end = tail.length;
	while (end > 0 && tail[end - 1]!.trim() === '') {
		end--;
	}

	if (end > 0 && nodeTrailer.test(tail[end - 1]!.trim())) {
		end--;
		while (end > 0 && tail[end - 1]!.trim() === '') {
			end--;
		}
	}

	const last = tail[end - 1];
	let frame = end - 1;
	while (frame >= 0 && !stackFrame.test(tail[frame]!) && errorProperties.test(tail[frame]!)) {
		frame--;
	}

	if (frame < 0 || !stackFrame.test(tail[frame]!)) {
		return last;
	}

	while (frame > 0 && stackFrame.test(tail[frame - 1]!)) {
		frame--;
	}

	const above = tail.slice(0, frame).findLast(line => line.trim() !== '');
	return above ?? last;
}
