import {closeSync, mkdirSync, openSync, writeSync} from 'node:fs';
import path from 'node:path';
import type {LogLevel} from '../engine/ports.js';

export const levelNumbers: Record<LogLevel, number> = {trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60};
const levelNames = new Map(Object.entries(levelNumbers).map(([name, number]) => [number, name as LogLevel]));

export function levelName(level: unknown): LogLevel {
	return typeof level === 'number' ? levelNames.get(level) ?? 'info' : 'info';
}

/**
 * One run's log, `logs/jobs/<YYYYMMDD>_<NNN>.log`: pino-format JSON lines, written synchronously so
 * a crash keeps every line up to the last one written.
 */
export class RunLogFile {
	private fd: number | undefined;

	constructor(readonly file: string, private readonly base: Record<string, unknown>) {
		mkdirSync(path.dirname(file), {recursive: true});
		this.fd = openSync(file, 'a');
	}

	write(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
		if (this.fd === undefined) {
			return;
		}

		writeSync(this.fd, `${JSON.stringify({level: levelNumbers[level], time: Date.now(), ...this.base, ...fields, msg})}\n`);
	}

	close(): void {
		if (this.fd !== undefined) {
			closeSync(this.fd);
			this.fd = undefined;
		}
	}
}
