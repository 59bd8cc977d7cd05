/**
 * How a run on a worker ends, once: with the outcome its worker wrote, or here when the worker cannot
 * end it (a closing line of its own, a header too when no worker wrote the log, and the expiry of its
 * keys); or, when it did not finish on its worker, handed to another as the next attempt.
 */
import type {RunError} from '../core/run-record.js';
import type {RunOutcome} from '../executors/executor.js';
import {RunLogSession} from '../executors/run-log-session.js';
import {finishedRunTtlSeconds} from './remote-keys.js';
import type {RemoteRunState} from './remote-run-state.js';

export class RemoteRunEnding {
	readonly done: Promise<RunOutcome>;
	private resolve!: (outcome: RunOutcome) => void;

	constructor(
		private readonly run: RemoteRunState,
		/** No longer followed here: its timers, its stream, its log file let go. */
		private readonly release: () => void,
	) {
		this.done = new Promise(resolve => {
			this.resolve = resolve;
		});
	}

	/** The scheduler stops: the run goes on on its worker, and the next scheduler re-attaches to it. */
	detach(): void {
		if (this.run.isLive) {
			this.run.phase = 'detached';
			this.release();
		}
	}

	/**
	 * The run did not finish on its worker: ended as interrupted, and its next attempt asked for; not
	 * asked for when its job was paused, disabled or removed while it ran (its end is final then, as a
	 * local run's is), nor past the hand-over limit.
	 */
	handOver(type: string, why: string, endedAt?: number): void {
		const {spec, deps} = this.run;
		const held = deps.handOverHeld(spec);
		if (held !== undefined) {
			this.endHere('interrupted', {type, message: `${why}; not handed to another worker: ${held} while it ran`}, false, endedAt);
			return;
		}

		const next = deps.mayHandOver(spec);
		this.endHere(next ? 'interrupted' : 'failed', {type, message: next ? `${why}; handed to another worker as attempt ${spec.attempt + 1}` : `${why}; not handed over again (it was, too often)`}, next, endedAt);
		if (next) {
			// After the scheduler recorded this end (its done handlers run first), so the next attempt is never beside it.
			setImmediate(() => {
				deps.handOver(spec);
			});
		}
	}

	/**
	 * Ends the run here with a closing line of its own (a header too when no worker wrote the log).
	 * `endedAt`: when it ended where it ran, if known (its worker's last heartbeat, when the worker died).
	 */
	endHere(status: Exclude<RunOutcome['status'], 'success'>, error: RunError, handedOver = false, endedAt?: number): void {
		const {run} = this;
		if (!run.isLive) {
			return;
		}

		let outcome: RunOutcome = {status, error, ...(handedOver ? {handedOver: true} : {}), ...(endedAt === undefined ? {} : {endedAt})};
		if (run.wroteLog) {
			run.log.line('error', `run ${status}`, {errorType: error.type, errorMessage: error.message});
			outcome = run.withLogNote(outcome);
		} else {
			const session = RunLogSession.open(run.spec, run.sink, {queue: run.deps.queueName});
			outcome = session instanceof RunLogSession ? session.finish(outcome) : outcome;
		}

		this.settle(outcome, false);
	}

	/** `byWorker`: the worker wrote the end, and with it the expiry of the run's keys. */
	settle(outcome: RunOutcome, byWorker: boolean): void {
		const {run} = this;
		if (!run.isLive) {
			return;
		}

		const queued = run.phase === 'queued';
		run.phase = 'ended';
		this.release();
		if (queued && !byWorker) {
			// Plain commands, sent together: a pipeline on this connection would copy BullMQ's scripts onto itself first.
			const {command} = run.deps.link;
			for (const key of [run.keys.events, run.keys.owner, run.keys.claim]) {
				void command.expire(key, finishedRunTtlSeconds).catch(() => undefined);
			}
		}

		this.resolve(outcome);
	}
}
