import {formatDuration} from '../config/quantities.js';
import type {ClosingMessage} from '../protocol/wire.js';

/** How a scheduler stopped on purpose: what stopped it, and what its stop did with its live runs. */
export type StopTold = {
	/** What stopped it (`SIGTERM`); none known: a stop asked in this process (the console that ran it quitting). */
	cause?: string;
	/** Its shutdown: `wait` for live runs up to `graceMs` (then cancel the rest), or `cancel` them at once. */
	mode: 'wait' | 'cancel';
	graceMs: number;
};

/**
 * The last line a scheduler stopping on purpose sends each client (socket-server.ts): a `stopped`
 * close, so a console says the scheduler stopped, not that it is gone, and a command following a run says
 * what the stop did with it. A crash or kill -9 sends nothing and stays told as the scheduler gone.
 */
export function stopClosingLine({cause, mode, graceMs}: StopTold, at = Date.now()): ClosingMessage {
	const runs = mode === 'cancel'
		? 'its live runs were cancelled (shutdown: cancel)'
		: `its live runs were waited for, up to shutdown_grace ${formatDuration(graceMs)}, and any still going then cancelled (shutdown: wait)`;
	return {kind: 'closing', code: 'stopped', reason: `the scheduler stopped${cause ? ` (${cause})` : ''}: ${runs}`, at, ...(cause ? {cause} : {})};
}
