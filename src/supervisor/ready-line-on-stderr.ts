/**
 * ready_pattern reads a service's stdout alone, but Python's `logging` (and many loggers) write to
 * stderr: a service that logs its ready line is stopped as not ready although it said it. When a
 * line of its stderr matches the pattern, the not-ready stop says so, and what to change.
 */

/** The first of `lines` (its stderr) that matches `pattern`. */
export function readyLineOnStderr(lines: readonly string[], pattern: string): string | undefined {
	const regex = new RegExp(pattern);
	return lines.find(line => regex.test(line));
}

/** What a not-ready stop adds when its ready line went to stderr: '; its stderr has a matching line ("…") …'. */
export function readyLineOnStderrText(line: string): string {
	return `; its stderr has a line that matches ("${line.slice(0, 200)}"), but ready_pattern reads stdout only: write the ready line to stdout (Python's logging writes to stderr by default)`;
}
