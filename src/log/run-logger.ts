import {closeSync, openSync, writeSync} from 'node:fs';
import pino, {type Logger} from 'pino';
import {cappedLogLine} from './capped-log-line.js';
import {redactChildBindings, redactFields} from './redact.js';

export type RunLogger = {
	logger: Logger;
	/** A line for the file only (the run's start and end): the console's tail has its own for those. */
	note(level: 'info' | 'error', msg: string, fields: Record<string, unknown>): void;
	/** Lines that could not be written to the file (a full or failing disk); they still reach `onLine`. */
	lostLines(): number;
	/** The first write error, if any. */
	problem(): unknown;
	close(): void;
};

type Target = {fd: number; owned: boolean; lost: number; problem: unknown};

/**
 * The `ctx.log` of module jobs in one worker: every line goes synchronously to the current run's log
 * file (nothing is lost if the job dies) and to `onLine` for the console's tail. The pino root, with its
 * compiled redaction, is built once per worker; each run gets a child bound to its job and run ids.
 * A line longer than 64 KiB is cut, as a command's is (`cappedLogLine`). A write that fails is counted,
 * never thrown into the job.
 */
export class RunLoggers {
	private target: Target | undefined;
	private readonly root: Logger;

	constructor(private readonly onLine: (line: string) => void) {
		const destination = {
			write: (whole: string) => {
				const target = this.target;
				if (target) {
					const line = cappedLogLine(whole);
					writeLine(target, line);
					this.onLine(line);
				}
			},
		};
		this.root = redactChildBindings(pino({base: null, formatters: {log: redactFields, bindings: redactFields}}, destination));
	}

	/** Opens `file` for a run; the previous run's logger (if still held somewhere) writes nothing more. */
	open(file: string, base: Record<string, unknown>): RunLogger {
		return this.use({fd: openSync(file, 'a', 0o640), owned: true, lost: 0, problem: undefined}, base);
	}

	/**
	 * Writes a run's lines to `fd`, a descriptor the executor opened (and closes) in this process: the
	 * file was created, and its header written, before the run was handed to this thread.
	 */
	attach(fd: number, base: Record<string, unknown>): RunLogger {
		return this.use({fd, owned: false, lost: 0, problem: undefined}, base);
	}

	private use(target: Target, base: Record<string, unknown>): RunLogger {
		this.detach();
		this.target = target;
		return {
			logger: this.root.child(base),
			note: (level, msg, fields) => {
				if (this.target === target) {
					writeLine(target, `${JSON.stringify({level: level === 'info' ? 30 : 50, time: Date.now(), ...base, ...fields, msg})}\n`);
				}
			},
			lostLines: () => target.lost,
			problem: () => target.problem,
			close: () => {
				if (this.target === target) {
					this.detach();
				}
			},
		};
	}

	private detach(): void {
		const target = this.target;
		this.target = undefined;
		if (target?.owned) {
			try {
				closeSync(target.fd);
			} catch {
				// Released all the same.
			}
		}
	}
}

function writeLine(target: Target, line: string): void {
	try {
		const bytes = Buffer.from(line);
		for (let written = 0; written < bytes.length;) {
			written += writeSync(target.fd, bytes, written);
		}
	} catch (error) {
		target.lost++;
		target.problem ??= error;
	}
}
