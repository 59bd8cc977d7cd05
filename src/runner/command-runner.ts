import {spawn} from 'node:child_process';
import type {RunHandle, RunSink, RunSpec, LogLine} from '../engine/ports.js';
import {RunLogFile} from '../log/run-log-file.js';
import {expandPlaceholders} from './placeholders.js';
import {RunOutcomeLatch} from './run-outcome-latch.js';

const progressLine = /^::progress\s+(\d*\.?\d+)(?:\s+(.*))?$/;
const stderrTailLines = 20;

/** Splits a byte stream into lines, keeping a partial last line for the next chunk. */
class LineSplitter {
	private carry = '';

	push(chunk: string): string[] {
		const text = this.carry + chunk;
		const lines = text.split('\n');
		this.carry = lines.pop() ?? '';
		return lines.map(line => line.replace(/\r$/, ''));
	}

	end(): string[] {
		const rest = this.carry;
		this.carry = '';
		return rest ? [rest] : [];
	}
}

/** Runs a `command:` job as a child process in its own process group (so cancel reaches its children). */
export function startCommandRun(spec: RunSpec, sink: RunSink, cancelGraceMs = 2000): RunHandle {
	const target = spec.target;
	if (target.kind !== 'command') {
		throw new TypeError('startCommandRun needs a command target');
	}

	const latch = new RunOutcomeLatch(spec.timeoutMs);
	const file = new RunLogFile(spec.logPath, {jobId: spec.jobId, runId: spec.runId});
	const argv = target.argv.map(part => expandPlaceholders(part, spec));
	file.write('info', 'run started', {attempt: spec.attempt, scheduledAt: new Date(spec.scheduledAt).toISOString(), command: argv});
	const started = Date.now();
	const stderrTail: string[] = [];
	const child = spawn(argv[0]!, argv.slice(1), {
		cwd: target.cwd ?? spec.paths.root,
		env: {
			...process.env,
			...target.env,
			SAGE_JOB_ID: spec.jobId,
			SAGE_RUN_ID: String(spec.runId),
			SAGE_TRADE_DATE: spec.tradeDate ?? '',
			SAGE_ATTEMPT: String(spec.attempt),
		},
		shell: target.shell,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});

	const handleLines = (lines: string[], stream: 'stdout' | 'stderr') => {
		const tail: LogLine[] = [];
		for (const line of lines) {
			const progress = progressLine.exec(line);
			if (progress) {
				sink.progress(Number(progress[1]), progress[2]);
				continue;
			}

			const level = stream === 'stdout' ? 'info' : 'warn';
			file.write(level, line, {stream});
			tail.push({time: Date.now(), level, msg: line, jobId: spec.jobId, runId: spec.runId});
			if (stream === 'stderr') {
				stderrTail.push(line);
				if (stderrTail.length > stderrTailLines) {
					stderrTail.shift();
				}
			}
		}

		sink.log(tail);
	};

	for (const stream of ['stdout', 'stderr'] as const) {
		const splitter = new LineSplitter();
		child[stream].setEncoding('utf8');
		child[stream].on('data', (chunk: string) => handleLines(splitter.push(chunk), stream));
		child[stream].on('end', () => handleLines(splitter.end(), stream));
	}

	let killTimer: NodeJS.Timeout | undefined;
	child.on('error', error => {
		const notFound = (error as NodeJS.ErrnoException).code === 'ENOENT';
		latch.fail({type: notFound ? 'CommandNotFound' : 'SpawnError', message: notFound ? `command not found: ${argv[0]}` : error.message, stack: error.stack});
	});
	child.on('close', (code, signal) => {
		clearTimeout(killTimer);
		if (code === 0) {
			latch.settle({status: 'success', result: {exitCode: 0}});
		} else {
			const lastLine = stderrTail.at(-1);
			const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
			latch.fail({type: signal ? 'Killed' : 'ExitCode', message: `${argv[0]} ${how}${lastLine ? `: ${lastLine}` : ''}`, stack: stderrTail.join('\n') || undefined});
		}
	});
	void latch.done.then(outcome => {
		file.write(outcome.status === 'success' ? 'info' : 'error', `run ${outcome.status}`, {
			durationMs: Date.now() - started,
			...(outcome.status === 'success' ? {} : {errorType: outcome.error.type, errorMessage: outcome.error.message}),
		});
		file.close();
	});

	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// Already gone.
		}
	};

	return {
		done: latch.done,
		cancel(reason) {
			if (latch.isSettled || latch.cancelReason || child.pid === undefined) {
				return;
			}

			latch.cancelReason = reason;
			signalGroup('SIGTERM');
			killTimer = setTimeout(() => signalGroup('SIGKILL'), cancelGraceMs);
		},
	};
}
