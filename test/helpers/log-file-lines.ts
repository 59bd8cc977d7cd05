import {readFileSync} from 'node:fs';

/**
 * The whole lines of a log file another process is writing. What follows its last newline is a line
 * still being written (a read can land in the middle of a write), so it is left for the next read
 * rather than matched or parsed half-written.
 */
export function wholeLines(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean);
}
