import {closeSync, openSync, writeSync} from 'node:fs';
import pino, {type Logger} from 'pino';
import {redactPaths} from './redact.js';

export type RunLogger = {
	logger: Logger;
	/** A line for the file only (the run's start and end): the console's tail has its own for those. */
	note(level: 'info' | 'error', msg: string, fields: Record<string, unknown>): void;
	close(): void;
};

/**
 * The `ctx.log` of a module job: a pino logger that writes each line synchronously to the run's
 * log file (nothing is lost if the job dies) and hands it to `onLine` for the console's tail.
 */
export function createRunLogger(file: string, base: Record<string, unknown>, onLine: (line: string) => void): RunLogger {
	let fd: number | undefined = openSync(file, 'a');
	const destination = {
		write(line: string) {
			if (fd !== undefined) {
				writeSync(fd, line);
				onLine(line);
			}
		},
	};
	const logger = pino({base, redact: {paths: redactPaths, censor: '[redacted]'}}, destination);
	return {
		logger,
		note(level, msg, fields) {
			if (fd !== undefined) {
				writeSync(fd, `${JSON.stringify({level: level === 'info' ? 30 : 50, time: Date.now(), ...base, ...fields, msg})}\n`);
			}
		},
		close() {
			if (fd !== undefined) {
				closeSync(fd);
				fd = undefined;
			}
		},
	};
}
