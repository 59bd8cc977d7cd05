import {formatDuration} from '../config/quantities.js';
import type {CancelReason, RunOutcome} from '../engine/ports.js';
import type {RunError} from '../core/run-record.js';

/** Turns the first ending of a run into its outcome; later endings (the worker exiting after "done") are ignored. */
export class RunOutcomeLatch {
	readonly done: Promise<RunOutcome>;
	cancelReason: CancelReason | undefined;
	private resolve!: (outcome: RunOutcome) => void;
	private settled = false;

	constructor(private readonly timeoutMs: number | undefined) {
		this.done = new Promise(resolve => {
			this.resolve = resolve;
		});
	}

	get isSettled(): boolean {
		return this.settled;
	}

	/** A cancel or timeout decides the status, whatever the job did after it was asked to stop. */
	settle(outcome: RunOutcome): void {
		if (this.settled) {
			return;
		}

		this.settled = true;
		if (this.cancelReason === 'timeout') {
			this.resolve({status: 'timeout', error: {type: 'Timeout', message: this.timeoutMs === undefined ? 'timed out' : `timed out after ${formatDuration(this.timeoutMs)}`}});
		} else if (this.cancelReason) {
			this.resolve({status: 'cancelled', error: cancelError(this.cancelReason)});
		} else {
			this.resolve(outcome);
		}
	}

	/** The run was cancelled before it started (withdrawn from the worker it waited on). */
	settleNotStarted(): void {
		if (this.settled) {
			return;
		}

		this.settled = true;
		this.resolve({status: 'cancelled', error: cancelError(this.cancelReason ?? 'cancel'), notStarted: true});
	}

	fail(error: RunError): void {
		this.settle({status: 'failed', error});
	}
}

function cancelError(reason: CancelReason): RunError {
	const messages: Record<CancelReason, string> = {
		cancel: 'cancelled by the operator',
		replaced: 'cancelled: replaced by a newer run (concurrency: replace)',
		shutdown: 'cancelled: the scheduler was shutting down',
		timeout: 'timed out',
	};
	return {type: 'Cancelled', message: messages[reason]};
}
