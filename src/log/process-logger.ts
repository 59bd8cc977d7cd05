import path from 'node:path';
import pino, {type DestinationStream, type Logger} from 'pino';
import {formatZonedIso} from '../time/zoned-time.js';
import {LineFile, type LineFileOptions} from './line-file.js';
import {redactChildBindings, redactFields} from './redact.js';

export type ProcessLogger = Logger;

const logFiles = new WeakMap<ProcessLogger, LineFile>();

/**
 * `time` as the operator reads a clock: ISO-8601 in the configured zone with its offset and always
 * milliseconds (`2026-12-03T16:07:28.162+08:00`), not UTC; still one instant, still sortable per zone.
 */
export function zonedTimestamp(timeZone: string | (() => string)): () => string {
	return () => {
		const iso = formatZonedIso(Date.now(), typeof timeZone === 'string' ? timeZone : timeZone());
		// formatZonedIso leaves out a whole second's .000: keep the width of every line the same.
		return `,"time":"${/\.\d{3}[+-]/.test(iso) ? iso : iso.replace(/([+-]\d\d:\d\d)$/, '.000$1')}"`;
	};
}

/**
 * Every line carries the process's `pid` already (the base bindings); pino would write a field of the
 * same name a second time (`"pid":1,…,"pid":1`), which JSON readers take as the last one or refuse.
 */
function withoutOwnPid(fields: Record<string, unknown>): Record<string, unknown> {
	if (fields.pid !== process.pid) {
		return fields;
	}

	const {pid: _pid, ...rest} = fields;
	return rest;
}

/**
 * The console's own log, `logs/sage-console.log`; also to stdout when headless.
 * Never to stdout while the Ink console owns the screen. Rotated by size: at 10 MiB it becomes
 * `sage-console.log.1` and the older ones move up to `.5`, the oldest dropped (`lineFileDefaults`).
 * @param options.timeZone the zone of `time` in each line, or where to ask it at each line (a reload
 * may change jobs.yaml's `timezone`) @default 'Asia/Shanghai' (the product's default zone)
 * @param options.file its size limit and kept files @default lineFileDefaults
 */
export function createProcessLogger(logsDir: string, options: {stdout: boolean; level?: string; timeZone?: string | (() => string); file?: LineFileOptions}): ProcessLogger {
	const file = new LineFile(path.join(logsDir, 'sage-console.log'), options.file);
	const destination: DestinationStream = options.stdout
		? pino.multistream([{stream: file}, {stream: pino.destination({dest: 1, sync: true})}])
		: file;
	const logger = redactChildBindings(pino({
		level: options.level ?? 'info',
		base: {pid: process.pid},
		formatters: {log: fields => redactFields(withoutOwnPid(fields)), bindings: redactFields},
		timestamp: zonedTimestamp(options.timeZone ?? 'Asia/Shanghai'),
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
