import {closeSync, mkdirSync, openSync, writeSync} from 'node:fs';
import path from 'node:path';
import type {LogLevel} from '../engine/ports.js';

export const levelNumbers: Record<LogLevel, number> = {trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60};
const levelNames = new Map(Object.entries(levelNumbers).map(([name, number]) => [number, name as LogLevel]));

export function levelName(level: unknown): LogLevel {
	return typeof level === 'number' ? levelNames.get(level) ?? 'info' : 'info';
}

const createdFolders = new Set<string>();

/** Creates the folder of a run log once per process, not once per run. */
export function ensureLogFolder(file: string): void {
	const folder = path.dirname(file);
	if (!createdFolders.has(folder)) {
		mkdirSync(folder, {recursive: true});
		createdFolders.add(folder);
	}
}

/**
 * One run's log, `logs/jobs/<YYYYMMDD>_<NNN>.log`: pino-format JSON lines, written synchronously so
 * a crash keeps every line up to the last one written. Opened on the first line, so a run whose lines
 * all come from its worker costs the scheduler's thread no file at all.
 */
export class RunLogFile {
	private fd: number | undefined;
	private closed = false;

	constructor(readonly file: string, private readonly base: Record<string, unknown>) {}

	write(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
		if (this.closed) {
			return;
		}

		if (this.fd === undefined) {
			ensureLogFolder(this.file);
			this.fd = openSync(this.file, 'a');
		}

		writeSync(this.fd, `${JSON.stringify({level: levelNumbers[level], time: Date.now(), ...this.base, ...fields, msg})}\n`);
	}

	close(): void {
		this.closed = true;
		if (this.fd !== undefined) {
			closeSync(this.fd);
			this.fd = undefined;
		}
	}
}
