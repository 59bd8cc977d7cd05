import {readFileSync} from 'node:fs';
import path from 'node:path';
import {onTestFinished} from 'vitest';
import type {LogLine} from '../../src/core/log-line.js';
import type {Executor, ProcessIdentity, RunSink, RunSpec} from '../../src/executors/executor.js';
import {createLocalExecutor, type LocalExecutorOptions} from '../../src/executors/local-executor.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

/** What a run reported to its sink, as the scheduler would have heard it. */
export type SinkRecord = {
	sink: RunSink;
	started: Array<{at: number; process?: ProcessIdentity}>;
	progress: Array<{fraction?: number; message?: string}>;
	lines: LogLine[];
	notified: Array<{title: string; body: string; users?: string[]}>;
};

export function recordingSink(): SinkRecord {
	const record: SinkRecord = {started: [], progress: [], lines: [], notified: [], sink: undefined!};
	record.sink = {
		started: (at, process) => record.started.push({at, process}),
		progress: (fraction, message) => record.progress.push({fraction, message}),
		log: lines => record.lines.push(...lines),
		notify: (title, body, users) => record.notified.push({title, body, users}),
	};
	return record;
}

let nextRunId = 1;

/** A run of `target` in `root`, on 2026-12-03 (a Thursday) at 16:00 Shanghai. */
export function specFor(root: string, target: RunSpec['target'], more: Partial<RunSpec> = {}): RunSpec {
	const runId = more.runId ?? nextRunId++;
	const paths = {root, data: path.join(root, 'data'), processed: path.join(root, 'data/processed'), features: path.join(root, 'data/features'), reports: path.join(root, 'reports'), logs: path.join(root, 'logs')};
	return {
		runId,
		jobId: 'test_job',
		target,
		params: {},
		scheduledAt: Date.UTC(2026, 11, 3, 8, 0, 0),
		attempt: 1,
		tradeDate: '2026-12-03',
		timeZone: 'Asia/Shanghai',
		logPath: path.join(root, 'logs/jobs', `20261203_${String(runId).padStart(3, '0')}.log`),
		paths,
		...more,
	};
}

export const moduleTarget = (file: string): RunSpec['target'] => ({kind: 'module', path: file});
export const commandTarget = (argv: string[], more: {shell?: boolean; cwd?: string; env?: Record<string, string>} = {}): RunSpec['target'] => ({kind: 'command', argv, shell: more.shell ?? false, cwd: more.cwd, env: more.env});

/** A temp root and an executor over it, both gone when the test ends. */
export function executorIn(files: Record<string, string> = {}, options: Partial<LocalExecutorOptions> = {}): {root: TempRoot; executor: Executor} {
	const root = makeTempRoot(files);
	const executor = createLocalExecutor({root: root.dir, cancelGraceMs: 1000, ...options});
	onTestFinished(async () => {
		await executor.close();
		root.remove();
	});
	return {root, executor};
}

export type FileLine = {level: number; time: number; jobId?: string; runId?: number; msg: string} & Record<string, unknown>;

/** The run log's lines, parsed. */
export function logLines(file: string): FileLine[] {
	return readFileSync(file, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as FileLine);
}
