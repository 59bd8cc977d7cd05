import type {GuardedWrites} from './guarded-writes.js';
import type {RunStore} from './ports.js';
import type {RunRecord} from './run-record.js';

/**
 * The ends of runs: written to history together, once per turn of the event loop (at a hundred runs
 * a second, one commit instead of a hundred), and announced to whoever waits only once recorded.
 */
export class FinishedRuns {
	private unwritten: RunRecord[] = [];
	private flush: NodeJS.Immediate | undefined;
	private readonly waiters = new Map<number, Array<(record: RunRecord) => void>>();

	constructor(
		private readonly store: RunStore,
		private readonly writes: GuardedWrites,
		/** Called for each run once its end is in history (chains start here). */
		private readonly recorded: (record: RunRecord) => void,
	) {}

	/** Queues the end of a run for the next write. */
	add(record: RunRecord): void {
		this.unwritten.push(record);
		this.flush ??= setImmediate(() => this.write());
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

	private write(): void {
		this.flush = undefined;
		const records = this.unwritten;
		this.unwritten = [];
		this.writes.run(`record the end of ${records.length} run(s); they will read as interrupted`, () => this.store.batch(() => {
			for (const record of records) {
				this.store.updateRun(record.id, {
					status: record.status, finishedAt: record.finishedAt, durationMs: record.durationMs, progress: record.progress,
					message: record.message, error: record.error, result: record.result,
				});
			}
		}));
		for (const record of records) {
			this.announce(record);
			this.recorded(record);
		}
	}
}
