import {CheckpointThread} from './checkpoint-thread.js';
import {checkpointDue, walFile, type CheckpointRules, type WalMark} from './wal-checkpoint-due.js';

export type CheckpointerOptions = CheckpointRules & {
	/** How often the WAL file is looked at (a `stat`, on this thread). */
	intervalMs: number;
	/** How long the checkpoint thread is kept after its last checkpoint. */
	idleMs: number;
};

const defaults: CheckpointerOptions = {intervalMs: 30_000, growthBytes: 1024 * 1024, ageMs: 5 * 60_000, idleMs: 60_000};

/**
 * Checkpoints the WAL (the main connection's automatic checkpoints are off) on a thread of its own,
 * so a checkpoint's fsync never stalls the scheduler's event loop. The thread exists only while
 * there is work for it: an idle box, which writes a row a minute, would otherwise keep a thread with
 * its own V8 heap and SQLite connection (~10 MB) for one checkpoint every few minutes.
 */
export class Checkpointer {
	private readonly options: CheckpointerOptions;
	private readonly timer: NodeJS.Timeout;
	private thread: CheckpointThread | undefined;
	private mark: WalMark;
	private lastUsedAt = 0;
	private closed = false;

	constructor(private readonly databaseFile: string, options: Partial<CheckpointerOptions> = {}) {
		this.options = {...defaults, ...options};
		this.mark = {...walFile(databaseFile) ?? {size: 0, modifiedMs: 0}, at: Date.now()};
		this.timer = setInterval(() => {
			this.look();
		}, this.options.intervalMs);
		this.timer.unref();
	}

	/** Whether the checkpoint thread runs now. */
	get threadRunning(): boolean {
		return this.thread !== undefined;
	}

	/**
	 * Checkpoints now, off this thread, and resolves when it is done, so the next write starts the WAL
	 * from its beginning. A long run of writes calls this between batches: a WAL that only grows makes
	 * every page lookup slower (a year of retention grew it to 1 GB and its batches from 3 to 25 ms).
	 */
	async checkpointNow(): Promise<void> {
		if (this.closed) {
			return;
		}

		// Taken before: what is written while the checkpoint runs is left for the next one.
		this.mark = {...walFile(this.databaseFile) ?? {size: 0, modifiedMs: 0}, at: Date.now()};
		this.thread ??= new CheckpointThread(this.databaseFile);
		await this.thread.checkpoint();
		this.lastUsedAt = Date.now();
	}

	async close(): Promise<void> {
		this.closed = true;
		clearInterval(this.timer);
		await this.endThread();
	}

	private look(): void {
		if (checkpointDue(walFile(this.databaseFile), this.mark, Date.now(), this.options)) {
			void this.checkpointNow();
		} else if (this.thread && !this.thread.busy && Date.now() - this.lastUsedAt >= this.options.idleMs) {
			void this.endThread();
		}
	}

	private async endThread(): Promise<void> {
		const thread = this.thread;
		this.thread = undefined;
		await thread?.end();
	}
}
