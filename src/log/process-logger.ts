import path from 'node:path';
import pino, {type DestinationStream, type Logger} from 'pino';
import {LineFile} from './line-file.js';
import {redactChildBindings, redactFields} from './redact.js';

export type ProcessLogger = Logger;

const logFiles = new WeakMap<ProcessLogger, LineFile>();

/**
 * The console's own log, `logs/sage-console.log`; also to stdout when headless.
 * Never to stdout while the Ink console owns the screen.
 */
export function createProcessLogger(logsDir: string, options: {stdout: boolean; level?: string}): ProcessLogger {
	const file = new LineFile(path.join(logsDir, 'sage-console.log'));
	const destination: DestinationStream = options.stdout
		? pino.multistream([{stream: file}, {stream: pino.destination({dest: 1, sync: true})}])
		: file;
	const logger = redactChildBindings(pino({
		level: options.level ?? 'info',
		base: {pid: process.pid},
		formatters: {log: redactFields, bindings: redactFields},
		timestamp: pino.stdTimeFunctions.isoTime,
	}, destination));
	logFiles.set(logger, file);
	return logger;
}

/** The file behind a process logger, for the host's checks (deleted logs/, a full disk). */
export function processLogFile(logger: ProcessLogger): LineFile | undefined {
	return logFiles.get(logger);
}

/** Writes what the logger holds; `close` also closes its file (at the end of the process's work). */
export function flushProcessLogger(logger: ProcessLogger, close = false): void {
	const file = logFiles.get(logger);
	if (close) {
		file?.close();
	} else {
		file?.flushSync();
	}
}
