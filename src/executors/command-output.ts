import type {ChildProcess} from 'node:child_process';
import type {Socket} from 'node:net';
import type {Readable} from 'node:stream';
import type {LogLevel, LogLine} from '../core/log-line.js';
import type {RunLogFile} from '../log/run-log-file.js';
import type {RunSink, RunSpec} from './executor.js';
import {LineSplitter, maxLineBytes, type OutputLine} from './line-splitter.js';
import {outputLineLevel} from './output-line-level.js';
import {capText, progressFraction, progressMessage} from './progress-value.js';
import {redrawProgress} from './redraw-progress.js';

const progressLine = /^::progress\s+(\S+)(?:\s+(.*))?$/;
const stderrTailLines = 20;
const maxTailLine = 2000;
/**
 * Fewest ms between two reports read from a bar redrawn in place: tqdm redraws up to ten times a second,
 * a loop of `print(f"\r{i}%", end="")` thousands of times. The latest state is told when the time is up.
 */
const redrawReportMs = 200;

type Stream = 'stdout' | 'stderr';

/**
 * A command's stdout and stderr: split into lines (linear, each capped), written to the run log as they
 * come (one write per chunk), sent to the console's tail, `::progress 0.42 message` lines turned into
 * progress, a bar redrawn in place (tqdm, wget) read as progress while it moves (redraw-progress.ts), and
 * the last lines of stderr kept for the failure's stack.
 */
export class CommandOutput {
	private readonly tail: string[] = [];
	private readonly open = new Set<Readable>();
	private onClosed: (() => void) | undefined;
	/** The run is over: what a background process still writes is read and dropped (see drain). */
	private detached = false;
	/** A redrawn bar's latest state, not told yet, and the last one told. */
	private redrawn: {pending?: string; told?: string; toldAt: number; timer?: NodeJS.Timeout} = {toldAt: 0};

	constructor(private readonly spec: RunSpec, private readonly sink: RunSink, private readonly file: RunLogFile, child: ChildProcess, private readonly drainMs: number) {
		for (const [name, stream] of [['stdout', child.stdout], ['stderr', child.stderr]] as const) {
			if (!stream) {
				continue;
			}

			// A progress bar redrawn with carriage returns is kept as its last state, as a terminal shows it;
			// a legacy script's GBK is read as GBK.
			const splitter = new LineSplitter(maxLineBytes, {redraws: true, gbk: true});
			this.open.add(stream);
			stream.on('data', (chunk: Buffer) => {
				if (!this.detached) {
					this.lines(name, splitter.push(chunk));
					const moving = splitter.current();
					if (moving !== undefined) {
						this.redraw(moving, false);
					}
				}
			});
			const closed = () => {
				if (this.open.delete(stream) && !this.detached) {
					this.lines(name, splitter.end());
					if (this.open.size === 0) {
						this.tellRedraw();
						this.onClosed?.();
					}
				}
			};

			stream.on('end', closed);
			stream.on('close', closed);
			stream.on('error', closed);
		}
	}

	/**
	 * Waits, after the main process exited, for the output to end; when something else still holds it
	 * open after `drainMs`, stops keeping it (false). What was read by then is in the log. The pipes are
	 * still read, and what comes is dropped, until that process closes them: closed, a background
	 * process (`nohup server &`, which keeps a pipe it inherited) would die of SIGPIPE at its next write.
	 * Unreferenced, they do not keep this process alive.
	 */
	async drain(): Promise<boolean> {
		if (this.open.size === 0) {
			return true;
		}

		const ended = await new Promise<boolean>(resolve => {
			const timer = setTimeout(() => resolve(false), this.drainMs);
			this.onClosed = () => {
				clearTimeout(timer);
				resolve(true);
			};
		});
		if (!ended) {
			this.detached = true;
			clearTimeout(this.redrawn.timer);
			for (const stream of this.open) {
				stream.resume();
				(stream as Partial<Socket>).unref?.();
			}
		}

		return ended;
	}

	stderrTail(): string[] {
		return [...this.tail];
	}

	private lines(stream: Stream, lines: OutputLine[]): void {
		if (lines.length === 0) {
			return;
		}

		const streamLevel: LogLevel = stream === 'stdout' ? 'info' : 'warn';
		let written: Array<{level: LogLevel; msg: string; fields: Record<string, unknown>}> = [];
		let shown: LogLine[] = [];
		let lastRedrawn: string | undefined;
		const time = Date.now();
		const writeOut = () => {
			this.file.writeMany(written);
			if (shown.length > 0) {
				this.sink.log(shown);
			}

			written = [];
			shown = [];
		};

		for (const {text, redrawn} of lines) {
			lastRedrawn = redrawn ? text : lastRedrawn;
			const progress = progressLine.exec(text);
			if (progress) {
				// The lines before a report are in the log before the report is told (a follower prints them first).
				writeOut();
				this.progress(progress[1]!, progress[2]);
				continue;
			}

			const level = outputLineLevel(text, streamLevel);
			written.push({level, msg: text, fields: {stream}});
			shown.push({time, level, msg: text, jobId: this.spec.jobId, runId: this.spec.runId});
			if (stream === 'stderr') {
				this.tail.push(capText(text, maxTailLine));
				if (this.tail.length > stderrTailLines) {
					this.tail.shift();
				}
			}
		}

		writeOut();
		if (lastRedrawn !== undefined) {
			// A bar's last state, ended by its newline (tqdm's 100%), is told at once.
			this.redraw(lastRedrawn, true);
		}
	}

	/** A redrawn bar's state, told now when `final` or the last report is old enough, else when it is. */
	private redraw(text: string, final: boolean): void {
		this.redrawn.pending = text;
		const waitMs = this.redrawn.toldAt + redrawReportMs - Date.now();
		if (final || waitMs <= 0) {
			this.tellRedraw();
		} else {
			this.redrawn.timer ??= setTimeout(() => this.tellRedraw(), waitMs);
		}
	}

	private tellRedraw(): void {
		clearTimeout(this.redrawn.timer);
		this.redrawn.timer = undefined;
		const text = this.redrawn.pending;
		this.redrawn.pending = undefined;
		const progress = text === undefined || text === this.redrawn.told ? undefined : redrawProgress(text);
		if (progress) {
			this.redrawn.told = text;
			this.redrawn.toldAt = Date.now();
			this.sink.progress(progress.fraction, progress.message);
		}
	}

	/** `::progress 0.42 message`, `::progress 42% message`; a first word that is no number is part of the message. */
	private progress(first: string, rest: string | undefined): void {
		const number = first.endsWith('%') ? Number(first.slice(0, -1)) / 100 : Number(first);
		const fraction = progressFraction(number);
		const message = fraction === undefined ? [first, rest].filter(Boolean).join(' ') : rest;
		this.sink.progress(fraction, progressMessage(message));
	}
}
