import type {LogLevel} from '../core/log-line.js';
import type {RunError} from '../core/run-record.js';
import {redactSecrets, scrubText, secretValues} from '../log/redact.js';
import {RunLogFile, RunLogUnavailableError} from '../log/run-log-file.js';
import type {RunOutcome, RunSink, RunSpec} from './executor.js';
import {logIncompleteNote, logTroubleText, shownLogPath as shownPath} from './run-log-texts.js';

/** What a run's worker (or anything besides this session) could not write to the log. */
export type LostLines = {count: number; problem?: unknown};

/**
 * A run's log file as the executor keeps it: the header line, the executor's own lines (also sent to
 * the tail), the closing line with the outcome. Text of the executor's own is scrubbed of the values of
 * secret params; the job's own lines are the job's business. Never throws.
 */
export class RunLogSession {
	private readonly secrets: string[];
	/** Durations are read on the monotonic clock: a step of the wall clock mid-run does not count. */
	private readonly openedAt = performance.now();
	/** When the job's own code started (a module loaded, a process spawned); its duration counts from there, as history's does. */
	private startedAt: number | undefined;

	private constructor(readonly file: RunLogFile, private readonly spec: RunSpec, private readonly sink: RunSink) {
		this.secrets = secretValues(spec.params);
	}

	/**
	 * Creates the log (folder 0750, file 0640) and writes the header. When that fails the run cannot
	 * start: the error (`RunLogUnavailable: cannot write logs/jobs/…: ENOSPC (no space left on device)`) is its outcome.
	 * Either way the sink hears whether run logs can be written (`logTrouble`), and later whenever that changes.
	 */
	static open(spec: RunSpec, sink: RunSink, header: Record<string, unknown>): RunLogSession | RunError {
		const shown = shownPath(spec);
		let file: RunLogFile;
		try {
			file = RunLogFile.open(spec.logPath, {jobId: spec.jobId, runId: spec.runId}, shown);
		} catch (error) {
			return unavailable(error instanceof RunLogUnavailableError ? error : new RunLogUnavailableError(spec.logPath, error, shown), sink);
		}

		const session = new RunLogSession(file, spec, sink);
		const fields = {
			attempt: spec.attempt,
			scheduledAt: new Date(spec.scheduledAt).toISOString(),
			...(spec.tradeDate === undefined ? {} : {tradeDate: spec.tradeDate}),
			...header,
			...(Object.keys(spec.params).length > 0 ? {params: redactSecrets(spec.params)} : {}),
		};
		if (!file.write('info', 'run started', fields)) {
			file.close();
			return unavailable(new RunLogUnavailableError(spec.logPath, file.problem, shown), sink);
		}

		// A file that can be created may still refuse writes (a full disk): only a line written says logs work.
		sink.logTrouble?.(undefined);
		file.onWrites = error => {
			sink.logTrouble?.(error === undefined ? undefined : session.trouble(error));
		};
		return session;
	}

	/** The job's code started: the closing line's `durationMs` counts from here, and `startupMs` says what came before (a module's load). */
	started(at: number): void {
		this.startedAt ??= performance.now() - Math.max(0, Date.now() - at);
	}

	/** A line of the executor's own: to the file and to the console's tail. */
	line(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
		const text = scrubText(msg, this.secrets);
		this.file.write(level, text, fields);
		this.sink.log([{time: Date.now(), level, msg: text, jobId: this.spec.jobId, runId: this.spec.runId}]);
	}

	/**
	 * Writes the closing line and closes the file. A log that lost lines (here, in a worker, or its
	 * closing line itself) is said in the outcome's notes (`log incomplete: 37 lines not written to …`)
	 * and told to the tail and to the sink; the outcome's status stays what the job did.
	 */
	finish(outcome: RunOutcome, extra: Record<string, unknown> = {}, lostElsewhere: LostLines = {count: 0}): RunOutcome {
		const now = performance.now();
		const closing = {
			durationMs: Math.max(0, Math.round(now - (this.startedAt ?? this.openedAt))),
			...(this.startedAt === undefined ? {} : {startupMs: Math.max(0, Math.round(this.startedAt - this.openedAt))}),
			...extra,
			...(outcome.status === 'success' ? {} : {errorType: outcome.error.type, errorMessage: this.scrubbed(outcome.error).message, stack: this.scrubbed(outcome.error).stack}),
		};
		let notes = this.notesFor(outcome, lostElsewhere, false);
		const closed = this.file.write(outcome.status === 'success' ? 'info' : 'error', `run ${outcome.status}`, {...closing, ...(notes.length > 0 ? {notes} : {})});
		if (!closed) {
			notes = this.notesFor(outcome, lostElsewhere, true);
		}

		this.file.onWrites = undefined;
		this.file.close();
		const lost = this.file.lostLines + lostElsewhere.count;
		if (lost > 0) {
			// Said again at the end: another run's good write may have cleared the notice meanwhile.
			this.sink.logTrouble?.(this.trouble(this.file.problem ?? lostElsewhere.problem));
		}

		for (const note of notes.slice(outcome.notes?.length ?? 0)) {
			this.sink.log([{time: Date.now(), level: 'warn', msg: note, jobId: this.spec.jobId, runId: this.spec.runId}]);
		}

		const told = outcome.status === 'success' ? outcome : {...outcome, error: this.scrubbed(outcome.error)};
		return notes.length > 0 ? {...told, notes} : told;
	}

	/** The outcome's notes and what this log lost (`closingLost`: its closing line too). */
	private notesFor(outcome: RunOutcome, lostElsewhere: LostLines, closingLost: boolean): string[] {
		const notes = [...outcome.notes ?? []];
		const lost = this.file.lostLines + lostElsewhere.count;
		if (lost > 0) {
			notes.push(logIncompleteNote(shownPath(this.spec), lost, closingLost, this.file.problem ?? lostElsewhere.problem));
		}

		if (this.file.isDeleted()) {
			notes.push(`${shownPath(this.spec)} was deleted while the run was going; its lines are lost`);
		}

		return notes;
	}

	/** The standing notice while this log refuses writes. */
	private trouble(error: unknown): string {
		return logTroubleText(shownPath(this.spec), error);
	}

	/** An error as the executor tells it: without the values of secret params (a command line in a message). */
	private scrubbed(error: RunError): RunError {
		return {...error, message: scrubText(error.message, this.secrets), ...(error.stack === undefined ? {} : {stack: scrubText(error.stack, this.secrets)})};
	}
}

/** The run's outcome when its log cannot be had; the sink hears it as run logs refusing writes. */
function unavailable(error: RunLogUnavailableError, sink: RunSink): RunError {
	sink.logTrouble?.(`runs fail: ${error.message}`);
	return {type: error.name, message: error.message};
}
