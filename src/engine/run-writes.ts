import type {GuardedWrites} from './guarded-writes.js';
import type {RunStore} from './ports.js';
import type {RunPatch, RunRecord} from './run-record.js';

type Unwritten = {runId: number; patch: RunPatch; ended?: RunRecord};

/**
 * The starts and ends of runs: written to history together, once per turn of the event loop (at a
 * hundred runs a second, one commit instead of two hundred, and none on the path from a free worker
 * to the next run), in the order they happened. Whoever waits for a run's end hears of it once it is
 * recorded. A crash before the write leaves the run queued in history, and the next start marks it
 * interrupted.
 */
export class RunWrites {
	private unwritten: Unwritten[] = [];
	private flush: NodeJS.Immediate | undefined;
	private readonly waiters = new Map<number, Array<(record: RunRecord) => void>>();

	constructor(
		private readonly store: RunStore,
		private readonly writes: GuardedWrites,
		/** Called for each run once its end is in history (chains start here). */
		private readonly recorded: (record: RunRecord) => void,
	) {}

	/** Queues a change to a live run (its start, its progress) for the next write. */
	patch(runId: number, patch: RunPatch): void {
		this.queue({runId, patch});
	}

	/** Queues the end of a run for the next write. */
	ended(record: RunRecord): void {
		this.queue({
			runId: record.id,
			patch: {
				status: record.status, finishedAt: record.finishedAt, durationMs: record.durationMs, progress: record.progress,
				message: record.message, error: record.error, result: record.result,
			},
			ended: record,
		});
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
		if (this.flush) {
			clearImmediate(this.flush);
			this.write();
		}
	}

	private queue(write: Unwritten): void {
		this.unwritten.push(write);
		this.flush ??= setImmediate(() => this.write());
	}

	private write(): void {
		this.flush = undefined;
		const unwritten = this.unwritten;
		this.unwritten = [];
		const ends = unwritten.filter(write => write.ended).length;
		this.writes.run(`record ${unwritten.length - ends} start(s) and ${ends} end(s) of runs; they will read as interrupted`, () => this.store.batch(() => {
			for (const {runId, patch} of unwritten) {
				this.store.updateRun(runId, patch);
			}
		}));
		for (const {ended} of unwritten) {
			if (ended) {
				this.announce(ended);
				this.recorded(ended);
			}
		}
	}
}
