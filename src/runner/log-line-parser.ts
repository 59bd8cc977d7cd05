import type {LogLine} from '../engine/ports.js';
import {levelName} from '../log/run-log-file.js';

/** A pino JSON line from a job worker → a line for the console's tail. */
export function parsePinoLine(text: string, jobId: string, runId: number): LogLine {
	try {
		const record = JSON.parse(text) as {time?: number; level?: number; msg?: string; err?: {message?: string}} & Record<string, unknown>;
		let msg = record.msg ?? '';
		if (record.err?.message) {
			msg = `${msg}${msg ? ': ' : ''}${record.err.message}`;
		}

		return {time: record.time ?? Date.now(), level: levelName(record.level), msg, jobId, runId};
	} catch {
		return {time: Date.now(), level: 'info', msg: text.trimEnd(), jobId, runId};
	}
}
