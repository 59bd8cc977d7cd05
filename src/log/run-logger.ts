import {closeSync, openSync, writeSync} from 'node:fs';
import pino, {type Logger} from 'pino';
import {redactChildBindings, redactFields} from './redact.js';

export type RunLogger = {
	logger: Logger;
	/** A line for the file only (the run's start and end): the console's tail has its own for those. */
	note(level: 'info' | 'error', msg: string, fields: Record<string, unknown>): void;
	close(): void;
};

/**
 * The `ctx.log` of module jobs in one worker: every line goes synchronously to the current run's log
 * file (nothing is lost if the job dies) and to `onLine` for the console's tail. The pino root, with its
 * compiled redaction, is built once per worker; each run gets a child bound to its job and run ids.
 */
export class RunLoggers {
	private fd: number | undefined;
	private readonly root: Logger;

	constructor(private readonly onLine: (line: string) => void) {
		const destination = {
			write: (line: string) => {
				if (this.fd !== undefined) {
					writeSync(this.fd, line);
					this.onLine(line);
				}
			},
		};
		this.root = redactChildBindings(pino({base: null, formatters: {log: redactFields, bindings: redactFields}}, destination));
	}

	/** Opens `file` for a run; the previous run's logger (if still held somewhere) writes nothing more. */
	open(file: string, base: Record<string, unknown>): RunLogger {
		this.closeFile();
		const fd = openSync(file, 'a');
		this.fd = fd;
		const logger = this.root.child(base);
		return {
			logger,
			note: (level, msg, fields) => {
				if (this.fd === fd) {
					writeSync(fd, `${JSON.stringify({level: level === 'info' ? 30 : 50, time: Date.now(), ...base, ...fields, msg})}\n`);
				}
			},
			close: () => {
				if (this.fd === fd) {
					this.closeFile();
				}
			},
		};
	}

	private closeFile(): void {
		if (this.fd !== undefined) {
			closeSync(this.fd);
			this.fd = undefined;
		}
	}
}
