/**
 * Each start of a service is a run in history (trigger `service`), recorded through the scheduler's
 * RunRecorder — the one guarded path: every status checked against core/run-states.ts, every write
 * ordered and retried by the scheduler's HistoryWrites. A run's row keeps its uptime, its exit code or
 * signal, why it was stopped, the stderr tail of a crash, and its process (pid, group, start ticks)
 * so the next scheduler can adopt it.
 */
import type {RunError, RunRecord, RunStatus} from '../core/run-record.js';
import type {ProcessIdentity} from '../executors/executor.js';
import type {RunRecorder} from '../scheduler/run-recorder.js';
import {errorFileOf} from './service-logs.js';
import {markRun} from './service-run-marks.js';

/** Why a service's process was stopped by the supervisor (`calendar`: a reload closed the day of its window). */
export type StopReason = 'window-end' | 'manual' | 'restart' | 'memory' | 'not-ready' | 'shutdown' | 'config' | 'disabled' | 'removed' | 'calendar';

/** A service run's `result`: how its process ended. */
export type ServiceRunResult = {
	uptimeMs: number;
	exitCode?: number;
	signal?: string;
	/** Set when the supervisor stopped it. */
	stop?: StopReason;
	/** Processes of its tree still alive after the stop timeout, killed with SIGKILL. */
	killed?: number;
};

export type ServiceRecorder = Pick<RunRecorder, 'create' | 'move' | 'note'>;

export class ServiceRuns {
	constructor(
		private readonly recorder: ServiceRecorder,
		/** A run started, and one ended (today's figures, the API's events and metrics count them). */
		private readonly told: {started(record: RunRecord): void; ended(record: RunRecord): void},
		/** Commits history writes now: a started process's identity is on disk before anything else can happen (a kill -9 next). */
		private readonly writeNow: () => void = () => undefined,
		/** The scheduler's zone now (a reload may change it): the time in a run's marks (service-run-marks.ts). */
		private readonly timezone: () => string = () => 'Asia/Shanghai',
	) {}

	/** A start is about to happen: its run, `queued`. */
	begin(serviceId: string, attempt: number, at: number, message: string, tradeDate: string | undefined): RunRecord {
		return this.recorder.create({jobId: serviceId, trigger: 'service', status: 'queued', scheduledAt: at, attempt, message, ...(tradeDate ? {tradeDate} : {})});
	}

	running(record: RunRecord, at: number, logPath: string, process: ProcessIdentity): void {
		this.recorder.move(record, 'running', {startedAt: at, logPath});
		this.recorder.note(record, {process});
		this.writeNow();
		this.told.started(record);
	}

	note(record: RunRecord, message: string): void {
		this.recorder.note(record, {message});
	}

	/** It could not start at all. */
	failedToStart(record: RunRecord, at: number, error: RunError): void {
		this.end(record, 'failed', at, {error});
	}

	end(record: RunRecord, status: Extract<RunStatus, 'success' | 'failed' | 'cancelled' | 'interrupted'>, at: number, fields: {result?: ServiceRunResult; error?: RunError; message?: string}): void {
		if (record.logPath) {
			// After its last line: what follows in the file is another run's (service-run-marks.ts).
			markRun(record.logPath, record.jobId, record.id, 'ended', at, this.timezone());
			markRun(errorFileOf(record.logPath), record.jobId, record.id, 'ended', at, this.timezone());
		}

		this.recorder.move(record, status, {finishedAt: at, durationMs: Math.max(0, at - (record.startedAt ?? at)), ...fields});
		this.told.ended(record);
	}
}
