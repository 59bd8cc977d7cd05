import type {RunError} from '../core/run-record.js';
import type {CancelReason, RunOutcome} from './executor.js';

/**
 * Turns the first ending of a run into its outcome; later endings (the worker exiting after its
 * "done", a process's exit after an error) are ignored. Once a run was asked to stop, the reason
 * decides the status, whatever the job did after it was asked.
 */
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

	settle(outcome: RunOutcome): void {
		if (this.settled) {
			return;
		}

		this.settled = true;
		if (this.cancelReason === 'timeout') {
			// Where a command was when time ran out: the stderr tail its exit carries (as a failed command's
			// run keeps it). Not a job's: its stack as it stopped is the abort's, inside Node.
			const error = 'error' in outcome ? outcome.error : undefined;
			const stack = error?.type === 'Killed' || error?.type === 'ExitCode' ? error.stack : undefined;
			this.resolve({status: 'timeout', error: {type: 'Timeout', message: this.timeoutMs === undefined ? 'timed out' : `timed out after ${durationText(this.timeoutMs)}`, ...(stack ? {stack} : {})}});
		} else if (this.cancelReason) {
			this.resolve({status: 'cancelled', error: cancelError(this.cancelReason)});
		} else {
			this.resolve(outcome);
		}
	}

	fail(error: RunError): void {
		this.settle({status: 'failed', error});
	}
}

const cancelMessages: Record<Exclude<CancelReason, 'timeout'>, string> = {
	cancel: 'cancelled by the operator',
	replaced: 'cancelled: replaced by a newer run (concurrency: replace)',
	shutdown: 'cancelled: the scheduler was shutting down',
};

function cancelError(reason: Exclude<CancelReason, 'timeout'>): RunError {
	return {type: 'Cancelled', message: cancelMessages[reason]};
}

/** `20m`, `1h30m`, `45s`, `1.5s`, `250ms`: as a timeout is written in jobs.yaml. */
export function durationText(ms: number): string {
	if (ms < 1000) {
		return `${ms}ms`;
	}

	if (ms < 60_000) {
		return `${Math.round(ms / 100) / 10}s`;
	}

	const parts: Array<[number, string]> = [[Math.floor(ms / 3_600_000), 'h'], [Math.floor(ms / 60_000) % 60, 'm'], [Math.floor(ms / 1000) % 60, 's']];
	return parts.filter(([amount]) => amount > 0).map(([amount, unit]) => `${amount}${unit}`).join('');
}
