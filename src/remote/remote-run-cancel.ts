/**
 * Cancelling a run on a worker: through its cancel key and the cancel channel once it is on the queue
 * (a run still waiting is taken off it and ended here); a cancel no worker answers within the grace
 * ends the run here, since its worker (or Redis) went silent.
 */
import type {CancelReason} from '../executors/executor.js';
import {durationText} from '../executors/run-outcome-latch.js';
import {cancelChannel, finishedRunTtlSeconds} from './remote-keys.js';
import type {RemoteRunEnding} from './remote-run-ending.js';
import type {RemoteRunState} from './remote-run-state.js';

export class RemoteRunCancel {
	private silentTimer: NodeJS.Timeout | undefined;

	constructor(private readonly run: RemoteRunState, private readonly ending: RemoteRunEnding) {}

	/** Asked once; sent when the run is on the queue, or as soon as it gets there. */
	ask(reason: CancelReason): void {
		const {run} = this;
		if (!run.isLive || run.cancelReason) {
			return;
		}

		run.cancelReason = reason;
		if (run.phase === 'queued') {
			void this.send();
		}
	}

	async send(): Promise<void> {
		const {run} = this;
		const reason = run.cancelReason!;
		const {link, queueName} = run.deps;
		try {
			await link.command.multi().set(run.keys.cancel, reason, 'EX', finishedRunTtlSeconds).publish(cancelChannel, `${run.id} ${reason}`).exec();
			// Still waiting on the queue: taken off it, nobody ever runs it. Taken (locked): its worker stops it.
			if (!run.worker && await link.queue(queueName).remove(run.id) === 1 && await link.command.xlen(run.keys.events) === 0) {
				this.ending.endHere(run.cancelStatus, {type: run.cancelStatus === 'timeout' ? 'Timeout' : 'Cancelled', message: `${reason === 'timeout' ? 'timed out' : 'cancelled'} while waiting for a worker (taken off queue ${queueName})`});
				return;
			}
		} catch {
			// Redis away: the worker still finds the cancel key when it is back, or the grace below ends the run.
		}

		if (run.isLive) {
			this.silentTimer ??= setTimeout(() => {
				this.silent(reason);
			}, run.deps.silentGraceMs);
		}
	}

	/** The run ended or was let go: no grace to wait out. */
	clear(): void {
		clearTimeout(this.silentTimer);
	}

	/** Asked to stop and no answer: the worker went silent (or Redis did). Ended here. */
	private silent(reason: CancelReason): void {
		const {run} = this;
		const who = run.worker ? `worker ${run.worker}` : 'the workers';
		const what = reason === 'timeout' ? `timed out${run.spec.timeoutMs === undefined ? '' : ` after ${durationText(run.spec.timeoutMs)}`}` : 'cancelled';
		this.ending.endHere(run.cancelStatus, {type: reason === 'timeout' ? 'Timeout' : 'Cancelled', message: `${what}; no answer from ${who} within ${durationText(run.deps.silentGraceMs)} (it may still be running there)`});
	}
}
