import {BurstWait} from './burst-wait.js';
import type {GuardedWrites} from './guarded-writes.js';
import type {RunStore} from './ports.js';
import type {RunPatch, RunRecord} from '../core/run-record.js';

type Unwritten = {patch: RunPatch; ended?: RunRecord};

export type RunWritesTiming = {
	/** Whether a burst of runs is being worked through: writing then waits for it (100 ms at most). */
	busy: () => boolean;
	/** Called before each write: what is told of runs is told before their ends are recorded. */
	beforeWrite: () => void;
};

/**
 * The starts and ends of runs: written to history together, in one commit, after the turn of the
 * event loop, or while every slot is taken and runs wait for one (a burst of fires being worked
 * through), once they no longer do, and never more than 100 ms late. A run that started and ended in
 * that time costs one row update instead of two: at a hundred runs a second that was two hundred
 * updates and a hundred commits in the middle of the burst, on the path from a free worker to the
 * next run. Whoever waits for a run's end hears of it once it is recorded. A crash before the write
 * leaves the run queued in history, and the next start marks it interrupted.
 */
export class RunWrites {
	private unwritten = new Map<number, Unwritten>();
	private readonly waiters = new Map<number, Array<(record: RunRecord) => void>>();
	private readonly wait: BurstWait;

	constructor(
		private readonly store: RunStore,
		private readonly writes: GuardedWrites,
		/** Called for each run once its end is in history (chains start here). */
		private readonly recorded: (record: RunRecord) => void,
		private readonly timing: RunWritesTiming = {busy: () => false, beforeWrite() {}},
	) {
		this.wait = new BurstWait(timing.busy, () => this.write());
	}

	/** Queues a change to a live run (its start, its progress) for the next write. */
	patch(runId: number, patch: RunPatch): void {
		this.queue(runId, patch);
	}

	/** Queues the end of a run for the next write. */
	ended(record: RunRecord): void {
		this.queue(record.id, {
			status: record.status, finishedAt: record.finishedAt, durationMs: record.durationMs, progress: record.progress,
			message: record.message, error: record.error, result: record.result,
		}, record);
	}

	/** Whether the run's end is known and not yet written. */
	endsUnwritten(runId: number): boolean {
		return this.unwritten.get(runId)?.ended !== undefined;
	}

	/** Settles with the run once its end is recorded. */
	async waitFor(runId: number): Promise<RunRecord> {
		return new Promise(resolve => {
			this.waiters.set(runId, [...(this.waiters.get(runId) ?? []), resolve]);
		});
	}

	/** Tells the waiters of a run whose end is already in history (one cancelled before it started). */
	announce(record: RunRecord): void {
		for (const resolve of this.waiters.get(record.id) ?? []) {
			resolve(record);
		}

		this.waiters.delete(record.id);
	}

	/** Writes what is waiting for the turn of the loop now (before reading history back). */
	flushNow(): void {
		if (this.wait.isWaiting) {
			this.wait.cancel();
			this.write();
		}
	}

	/** A run's changes since the last write are merged: its row is updated once. */
	private queue(runId: number, patch: RunPatch, ended?: RunRecord): void {
		const waiting = this.unwritten.get(runId);
		if (waiting) {
			Object.assign(waiting.patch, patch);
			waiting.ended ??= ended;
		} else {
			this.unwritten.set(runId, {patch: {...patch}, ended});
		}

		this.wait.request();
	}

	private write(): void {
		this.timing.beforeWrite();
		const unwritten = this.unwritten;
		this.unwritten = new Map();
		let ends = 0;
		for (const {ended} of unwritten.values()) {
			ends += ended ? 1 : 0;
		}

		this.writes.run(`record ${unwritten.size - ends} start(s) and ${ends} end(s) of runs; they will read as interrupted`, () => this.store.batch(() => {
			for (const [runId, {patch}] of unwritten) {
				this.store.updateRun(runId, patch);
			}
		}));
		for (const {ended} of unwritten.values()) {
			if (ended) {
				this.announce(ended);
				this.recorded(ended);
			}
		}
	}
}
