/**
 * What follows a service's process ending: its run's end recorded (exit-outcome.ts), what its group
 * left running ended, and then — for a stop we asked for — what the stop was for (held, out of its
 * window, started again, or an exit); for an exit nobody asked for, its restart policy.
 */
import type {RunRecord} from '../core/run-record.js';
import {describeTree} from '../executors/process-tree.js';
import {askedExit, unexpectedExit, type ExitOutcome} from './exit-outcome.js';
import type {RestartStreak} from './restart-streak.js';
import type {ServiceLife} from './service-life.js';
import {tailLines} from './service-logs.js';
import type {ServiceExit, ServiceProcess} from './service-process.js';
import type {StopReason} from './service-runs.js';
import type {ServiceStops, Stopping} from './service-stops.js';
import {heldUntilText, type WantedWindow} from './wanted-window.js';

export type AfterExitSteps = {
	/** The next start of the streak. */
	startAgain(reason: string): void;
	/** A start as the operator's (asked while it was stopping): a fresh streak, a manual start's extension outside its window. */
	startByHand(): void;
	/** Out of its window, set by it now: started afresh (run message `reason`) when it is wanted. */
	followWindow(reason: string): void;
	/** After an exit nobody asked for (or a stop for not being ready): restart after a delay, hold, or fatal. */
	afterFailure(now: number, failed: boolean, stderrTail: string[]): void;
	/** After a stop over max_memory: restart, after the backoff when it was quick, or fatal past the start limit. */
	afterMemoryStop(now: number, quick: boolean, stderrTail: string[]): void;
};

const stderrTailLines = 20;

/** Why a restart the supervisor carried out happened, as its run's message says. */
const restartReason: Partial<Record<StopReason, string>> = {memory: 'restart over max_memory', restart: 'operator restart', config: 'restart after a config change'};

export class ServiceExits {
	constructor(
		private readonly life: ServiceLife,
		private readonly streak: RestartStreak,
		private readonly stops: ServiceStops,
		private readonly window: WantedWindow,
		private readonly next: AfterExitSteps,
	) {}

	exited(process: ServiceProcess, exit: ServiceExit): void {
		const {life} = this;
		if (process !== life.process) {
			return;
		}

		const {deps, def} = life;
		const now = deps.clock.now();
		const run = life.run!;
		const uptimeMs = Math.max(0, now - (life.startedAt ?? now));
		const stderrTail = tailLines(deps.files.err, stderrTailLines, process.errOffset);
		life.process = undefined;
		life.memoryMb = undefined;
		life.timers.clear('ready', 'ready-timeout', 'output', 'stable');
		const stopping = this.stops.current;
		if (stopping) {
			// The main process may be gone before the rest of its tree: the stop's end says what needed SIGKILL.
			void stopping.done.then(() => {
				this.stops.current = undefined;
				this.stoppedAsAsked(stopping, run, now, askedExit(life.def, stopping, exit, uptimeMs, stderrTail), stderrTail);
				this.stops.finished(stopping);
			});
			return;
		}

		const outcome = unexpectedExit(def.id, exit, uptimeMs, stderrTail);
		this.record(run, now, outcome);
		deps.say(outcome.status === 'failed' ? 'error' : 'info', `${outcome.status === 'failed' ? '✗' : '■'} ${outcome.message} (run ${run.id})`, run.id);
		const failed = outcome.status === 'failed';
		const quick = life.upSince === undefined || life.state === 'starting' || now - life.upSince < def.minUptimeMs;
		this.streak.exited(quick);
		// What its group left running (a worker it started) is ended before anything starts again: never two copies.
		void process.stop(def.stopSignal, def.stopTimeoutMs).then(report => {
			if (report.groupSize + report.outside > 0) {
				deps.say('warn', `${life.def.id}: its main process ended; ended what it left running, ${describeTree(report)}`, run.id);
			}
		}, () => undefined).then(() => this.next.afterFailure(now, failed, stderrTail));
	}

	private record(run: RunRecord, now: number, outcome: ExitOutcome, message?: string): void {
		this.life.deps.runs.end(run, outcome.status, now, {result: outcome.result, ...(outcome.error ? {error: outcome.error} : {}), ...(message ? {message} : {})});
		this.life.lastExit = {at: now, runId: run.id, status: outcome.status, exitCode: outcome.result.exitCode, signal: outcome.result.signal, ...(outcome.result.stop ? {stop: outcome.result.stop} : {}), message: outcome.message};
	}

	private stoppedAsAsked(stopping: Stopping, run: RunRecord, now: number, outcome: ExitOutcome, stderrTail: string[]): void {
		const {life} = this;
		this.record(run, now, outcome, outcome.status === 'success' ? (stopping.why ? `stopped: ${stopping.why}` : `stopped (${stopping.reason})`) : undefined);
		life.deps.say(outcome.status === 'failed' ? 'warn' : 'info', `■ ${outcome.message} (run ${run.id})`, run.id);
		switch (stopping.then) {
			case 'start': {
				if (stopping.reason === 'memory') {
					// Over it again as soon as it started is a crash loop: a quick stop counts as a quick exit.
					const quick = (outcome.result.uptimeMs ?? 0) < life.def.minUptimeMs;
					this.streak.exited(quick);
					this.next.afterMemoryStop(now, quick, stderrTail);
					break;
				}

				// A restart the operator asked for: the next start of the same streak.
				this.next.startAgain(restartReason[stopping.reason] ?? `restart (${stopping.reason})`);
				break;
			}

			case 'manual-start': {
				this.next.startByHand();
				break;
			}

			case 'exit': {
				this.streak.notReady();
				this.next.afterFailure(now, true, stderrTail);
				break;
			}

			case 'stopped': {
				life.note = stopping.reason === 'manual' ? `manual stop: ${heldUntilText(life.def)}` : `stopped (${stopping.reason})`;
				life.moveTo('stopped');
				break;
			}

			default: {
				// Not held after a shutdown, nor after its removal from jobs.yaml: the removal dropped its hold, and
				// one kept now would hold the service put back later (`stopped`, nothing saying why).
				life.moveTo('outside-window');
				if (stopping.closing === undefined) {
					// Its window as it is now decides: wanted again meanwhile (enabled again, a reload that moved the
					// window's end past now, the clock stepped back into it), it starts afresh. It was held `stopped`
					// with no reason, down inside its window.
					this.next.followWindow(stopping.reason === 'disabled' ? 'enabled again' : 'window start');
				}
			}
		}
	}
}
