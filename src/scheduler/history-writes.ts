/**
 * Every history write of the scheduler, in order, off the fire path. Writes made in one turn of the
 * event loop are committed together right after it (a second's fires and starts are one commit; a
 * thousand at most, the rest after the next turn), each
 * in a savepoint of its own, so one write that SQLite rejects is reported and dropped without undoing
 * the others. While the database is locked by another process, or the disk is full or read-only,
 * writes wait (in order, nothing dropped), are retried with a growing delay, and the scheduler goes on
 * firing: the fault shows as a notice until writes work again.
 */
import type {Clock} from './clock.js';

type PendingWrite = {what: string; write: () => void};

/** How the store commits a batch: `atomically(work)` is one transaction, and nested, a savepoint. */
export type WriteTarget = {atomically(work: () => void): void};

/** SQLite result codes that pass: another process holds a lock, the disk is full, a file went read-only. */
const transientCodes = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL|NOTADB|CORRUPT)/;

export function isTransientWriteError(error: unknown): boolean {
	const code = (error as {code?: unknown} | undefined)?.code;
	return typeof code === 'string' && transientCodes.test(code);
}

/**
 * Writes one commit takes when it comes on its own after a turn: a reload of thousands of new jobs
 * queues a write each, and the rest wait a turn of the event loop, so fires are not held up behind them.
 */
const turnBatch = 1000;

const firstRetryMs = 100;
const longestRetryMs = 5000;

export class HistoryWrites {
	private readonly queue: PendingWrite[] = [];
	private flushHandle: {immediate: NodeJS.Immediate} | {timer: unknown} | undefined;
	private retryMs = firstRetryMs;
	private problem: {message: string; since: number} | undefined;
	private readonly drainWaiters = new Set<() => void>();
	/** Given up at exit (abandon): nothing is retried any more. */
	private abandoned = false;

	constructor(
		private readonly target: WriteTarget,
		private readonly clock: Clock,
		private readonly say: (level: 'info' | 'error', message: string) => void,
		private readonly changed: () => void,
	) {}

	/** Queues a write; it is committed after the current turn, in the order written. */
	write(what: string, write: () => void): void {
		this.queue.push({what, write});
		if (this.flushHandle === undefined && !this.abandoned) {
			this.flushHandle = this.problem ? {timer: this.clock.setTimeout(() => this.flush(), this.retryMs)} : this.nextTurnFlush();
		}
	}

	private nextTurnFlush(): {immediate: NodeJS.Immediate} {
		return {immediate: setImmediate(() => this.flush(turnBatch))};
	}

	/** Writes still waiting to be committed. */
	get pending(): number {
		return this.queue.length;
	}

	/** For the header and `status` while writes fail. */
	get notice(): string | undefined {
		return this.problem ? `history writes waiting (${this.queue.length}): ${this.problem.message}` : undefined;
	}

	/** Commits what waits now; resolves when the queue is empty or `timeoutMs` passed (then false). */
	async drain(timeoutMs: number): Promise<boolean> {
		this.flush();
		if (this.queue.length === 0) {
			return true;
		}

		return new Promise<boolean>(resolve => {
			const done = (ok: boolean) => {
				clearTimeout(timer);
				this.drainWaiters.delete(onEmpty);
				resolve(ok);
			};

			const onEmpty = () => done(true);
			const timer = setTimeout(() => done(false), timeoutMs);
			this.drainWaiters.add(onEmpty);
		});
	}

	/**
	 * At exit, once a last drain could not empty the queue: the retries stop, so they neither keep the
	 * process alive nor go on against a closed database; what still waits is not written.
	 */
	abandon(): void {
		this.abandoned = true;
		this.cancelFlush();
	}

	/**
	 * Commits what waits now, unless writes are failing (their retry goes on as planned, and nothing
	 * waits on a locked database here): called before a run's work starts, so a process killed right
	 * after leaves that run's row for the next start.
	 */
	commitNow(): void {
		if (this.problem === undefined && !this.abandoned) {
			this.flush();
		}
	}

	/** Commits the queue now, or its first `atMost` writes (the rest on the next turn); also called by the timer. */
	flush(atMost = Number.POSITIVE_INFINITY): void {
		this.cancelFlush();
		if (this.queue.length === 0) {
			return;
		}

		const batch = this.queue.length <= atMost ? this.queue : this.queue.slice(0, atMost);
		let committed = 0;
		try {
			// One transaction for the batch; should one write be refused, the batch is done again with each
			// write in a savepoint of its own, so the refused one is dropped and the others kept.
			try {
				this.target.atomically(() => {
					for (const pending of batch) {
						pending.write();
					}
				});
				committed = batch.length;
			} catch (error) {
				if (isTransientWriteError(error)) {
					throw error;
				}

				this.target.atomically(() => {
					committed = 0;
					for (const pending of batch) {
						this.writeOne(pending);
						committed++;
					}
				});
			}
		} catch (error) {
			// The batch as a whole did not commit (locked, full, read-only): it stays queued, in order.
			this.failing(error);
			return;
		}

		this.queue.splice(0, committed);
		if (this.queue.length > 0 && !this.abandoned) {
			this.flushHandle = this.nextTurnFlush();
		}

		if (this.problem) {
			this.say('info', `history writes work again (after ${Math.round((this.clock.now() - this.problem.since) / 1000)} s)`);
			this.problem = undefined;
			this.retryMs = firstRetryMs;
			this.changed();
		}

		if (this.queue.length === 0) {
			for (const waiter of this.drainWaiters) {
				waiter();
			}
		}
	}

	private cancelFlush(): void {
		if (this.flushHandle !== undefined) {
			if ('immediate' in this.flushHandle) {
				clearImmediate(this.flushHandle.immediate);
			} else {
				this.clock.clearTimeout(this.flushHandle.timer);
			}

			this.flushHandle = undefined;
		}
	}

	private writeOne(pending: PendingWrite): void {
		try {
			this.target.atomically(pending.write);
		} catch (error) {
			if (isTransientWriteError(error)) {
				throw error;
			}

			// This write is wrong in itself (a bug, or a value SQLite refuses): report it, keep the others.
			this.say('error', `could not ${pending.what}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}

	private failing(error: unknown): void {
		const message = error instanceof Error ? error.message : String(error);
		if (this.problem?.message !== message) {
			this.say('error', `history writes failing, ${this.queue.length} waiting (kept in order, retried): ${message}`);
			this.problem = {message, since: this.problem?.since ?? this.clock.now()};
			this.changed();
		}

		if (this.abandoned) {
			return;
		}

		this.flushHandle = {timer: this.clock.setTimeout(() => this.flush(), this.retryMs)};
		this.retryMs = Math.min(this.retryMs * 2, longestRetryMs);
	}
}
