import {openSync, writeSync} from 'node:fs';
import pino, {type Logger} from 'pino';
import {redactPaths} from './redact.js';

/**
 * The `ctx.log` of a module job: a pino logger that writes each line synchronously to the run's
 * log file (nothing is lost if the job dies) and hands it to `onLine` for the console's tail.
 */
export function createRunLogger(file: string, base: Record<string, unknown>, onLine: (line: string) => void): Logger {
	const fd = openSync(file, 'a');
	const destination = {
		write(line: string) {
			writeSync(fd, line);
			onLine(line);
		},
	};
	return pino({
		base,
		redact: {paths: redactPaths, censor: '[redacted]'},
	}, destination);
}
