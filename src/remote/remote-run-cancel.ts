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
	/** A withdraw asked while the run was on its way to its queue. */
	private asked: {message: string; settle(takenBack: boolean): void; takenBack: Promise<boolean>} | undefined;

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

	/**
	 * Takes the run back while no worker has taken it, ending it here as cancelled with `message` (its
	 * job was paused, or disabled by a reload): off its queue, or, still on its way there, never put on
	 * it. One a worker has taken (locked on the queue) goes on: no cancel key is set, so nothing reaches
	 * its worker. @returns whether it was taken back
	 */
	async withdraw(message: string): Promise<boolean> {
		const {run} = this;
		if (!run.isLive || run.worker || run.cancelReason) {
			return false;
		}

		if (run.phase === 'connecting') {
			if (!this.asked) {
				let settle: (takenBack: boolean) => void = () => undefined;
				const takenBack = new Promise<boolean>(resolve => {
					settle = resolve;
				});
				this.asked = {message, settle, takenBack};
			}

			return this.asked.takenBack;
		}

		return this.takeOff(message);
	}

	/** Just before it is put on its queue: a withdraw asked meanwhile ends it here instead. @returns whether it did */
	withdrawnBeforeQueue(): boolean {
		const asked = this.asked;
		if (!asked) {
			return false;
		}

		this.asked = undefined;
		this.ending.endHere('cancelled', {type: 'Cancelled', message: `${asked.message} (not put on queue ${this.run.deps.queueName})`});
		asked.settle(true);
		return true;
	}

	/** On its queue now: a withdraw asked on the way takes it off. */
	async queued(): Promise<void> {
		const asked = this.asked;
		if (asked) {
			this.asked = undefined;
			asked.settle(await this.takeOff(asked.message));
		}
	}

	/** The run ended or was let go: no grace to wait out, nothing more to take back. */
	clear(): void {
		clearTimeout(this.silentTimer);
		this.asked?.settle(false);
		this.asked = undefined;
	}

	/** Asked to stop and no answer: the worker went silent (or Redis did). Ended here. */
	private silent(reason: CancelReason): void {
		const {run} = this;
		const who = run.worker ? `worker ${run.worker}` : 'the workers';
		const what = reason === 'timeout' ? `timed out${run.spec.timeoutMs === undefined ? '' : ` after ${durationText(run.spec.timeoutMs)}`}` : 'cancelled';
		this.ending.endHere(run.cancelStatus, {type: reason === 'timeout' ? 'Timeout' : 'Cancelled', message: `${what}; no answer from ${who} within ${durationText(run.deps.silentGraceMs)} (it may still be running there)`});
	}

	/** Off its queue if no worker holds it (BullMQ removes such a job atomically: no worker can take it after). */
	private async takeOff(message: string): Promise<boolean> {
		const {run} = this;
		if (!run.isLive || run.worker || run.cancelReason) {
			return false;
		}

		const {link, queueName} = run.deps;
		try {
			if (await link.queue(queueName).remove(run.id) !== 1) {
				return false;
			}
		} catch {
			return false;
		}

		this.ending.endHere('cancelled', {type: 'Cancelled', message: `${message} (taken off queue ${queueName})`});
		return true;
	}
}
