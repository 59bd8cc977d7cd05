import {mkdirSync} from 'node:fs';
import path from 'node:path';
import pino, {type Logger} from 'pino';
import {redactChildBindings, redactFields} from './redact.js';

export type ProcessLogger = Logger;

/**
 * The console's own log, `logs/sage-console.log`; also to stdout when headless.
 * Never to stdout while the Ink console owns the screen.
 */
export function createProcessLogger(logsDir: string, options: {stdout: boolean; level?: string}): ProcessLogger {
	mkdirSync(logsDir, {recursive: true});
	const file = pino.destination({dest: path.join(logsDir, 'sage-console.log'), mkdir: true, sync: false, minLength: 0});
	const streams: pino.StreamEntry[] = [{stream: file}];
	if (options.stdout) {
		streams.push({stream: pino.destination({dest: 1, sync: true})});
	}

	return redactChildBindings(pino({
		level: options.level ?? 'info',
		base: {pid: process.pid},
		formatters: {log: redactFields, bindings: redactFields},
		timestamp: pino.stdTimeFunctions.isoTime,
	}, pino.multistream(streams)));
}

export function flushProcessLogger(logger: ProcessLogger): void {
	try {
		logger.flush();
	} catch {
		// Flushing at exit is best effort; the file keeps what was written.
	}
}
