/**
 * A run as it travels to a worker (BullMQ job data), and back into a RunSpec on the worker's machine.
 * Paths travel relative to the project root: the worker's checkout may live elsewhere.
 */
import path from 'node:path';
import type {RunPaths, RunSpec} from '../executors/executor.js';
import {moduleDigest} from './module-digest.js';

export type RemoteTarget =
	| {kind: 'module'; path: string}
	| {kind: 'command'; argv: string[]; shell: boolean; cwd?: string; env?: Record<string, string>};

export type RemoteJobData = {
	runId: number;
	jobId: string;
	target: RemoteTarget;
	/**
	 * The console's root (`/srv/trading`): a worker whose checkout lies elsewhere maps its own definition's
	 * absolute paths inside it as the console mapped them (worker-job-check.ts). Older schedulers omit it.
	 */
	root?: string;
	/** A module's file as the console has it (module-digest.ts): a worker whose file differs says so. */
	moduleDigest?: string;
	params: Record<string, unknown>;
	scheduledAt: number;
	attempt: number;
	tradeDate?: string;
	timeZone: string;
	timeoutMs?: number;
	maxMemoryMb?: number;
	/** The log's name on the console (`20261203_004.log`), for the worker's own copy. */
	logName: string;
	/** When the scheduler handed it to the queue (for the fire → start latency). */
	enqueuedAt: number;
};

/** `file` relative to `root` when inside it or the root itself (`.`: as the same checkout has it elsewhere), else as it is. */
export function portable(file: string, root: string): string {
	const relative = path.relative(root, file);
	if (relative === '') {
		return '.';
	}

	return !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export function toJobData(spec: RunSpec, now: number): RemoteJobData {
	const root = spec.paths.root;
	const target: RemoteTarget = spec.target.kind === 'module'
		? {kind: 'module', path: portable(path.resolve(root, spec.target.path), root)}
		: {...spec.target, ...(spec.target.cwd === undefined ? {} : {cwd: portable(path.resolve(root, spec.target.cwd), root)})};
	const digest = spec.target.kind === 'module' ? moduleDigest(path.resolve(root, spec.target.path)) : undefined;
	return {
		runId: spec.runId,
		jobId: spec.jobId,
		target,
		root,
		...(digest === undefined ? {} : {moduleDigest: digest}),
		params: spec.params,
		scheduledAt: spec.scheduledAt,
		attempt: spec.attempt,
		...(spec.tradeDate === undefined ? {} : {tradeDate: spec.tradeDate}),
		timeZone: spec.timeZone,
		...(spec.timeoutMs === undefined ? {} : {timeoutMs: spec.timeoutMs}),
		...(spec.maxMemoryMb === undefined ? {} : {maxMemoryMb: spec.maxMemoryMb}),
		logName: path.basename(spec.logPath),
		enqueuedAt: now,
	};
}

/** The run as this machine's executor runs it: paths under this checkout, the log at `logPath`. */
export function toRunSpec(data: RemoteJobData, paths: RunPaths, logPath: string): RunSpec {
	const target: RunSpec['target'] = data.target.kind === 'module'
		? {kind: 'module', path: path.resolve(paths.root, data.target.path)}
		: {...data.target, cwd: path.resolve(paths.root, data.target.cwd ?? '.')};
	return {
		runId: data.runId,
		jobId: data.jobId,
		target,
		params: data.params,
		scheduledAt: data.scheduledAt,
		attempt: data.attempt,
		tradeDate: data.tradeDate,
		timeZone: data.timeZone,
		logPath,
		paths,
		timeoutMs: data.timeoutMs,
		maxMemoryMb: data.maxMemoryMb,
	};
}
