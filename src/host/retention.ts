import {readdir, stat, unlink} from 'node:fs/promises';
import path from 'node:path';
import {formatDuration} from '../config/quantities.js';
import type {SchedulerConfig} from '../core/job-definition.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {HistoryStore} from '../store/history-store.js';
import {pruneBatchSize} from '../store/run-pruning.js';
import type {AppPaths} from './paths.js';

const dayMs = 86_400_000;
const sweepEveryMs = 6 * 3_600_000;
/** A wall clock ahead of the time counted since start by more than this is not pruned by. */
const aheadToleranceMs = 60_000;
/**
 * Batches between checkpoints (2,000 runs, 4–14 MB of WAL at a million rows). Without them a year of
 * retention grew the WAL to 1 GB and its batches from 3 to 25 ms: every page lookup searches the WAL index.
 */
const batchesPerCheckpoint = 40;

/** Names looked at between two turns of the event loop: fires are not held behind a big folder. */
const namesPerTurn = 2000;

/**
 * Whether a run log's name (`<YYYYMMDD>_<NNN>.log`, the day its run started in the config's zone) says
 * it was written after `cutoff`: its day began no earlier than a day before that day's 00:00 UTC, in
 * any zone. Such a log is not old, and is not even looked at.
 */
function namedAfter(name: string, cutoff: number): boolean {
	const match = /^(\d{4})(\d{2})(\d{2})_\d+\.log$/.exec(name);
	return match !== null && Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - dayMs >= cutoff;
}

/**
 * Deletes run log files older than `days` (by their last write); returns how many. Asynchronous and a
 * slice at a time: a month of a job every 10 s is 260,000 logs, whose reading and stat held the
 * scheduler's thread 2.3 s at every sweep; only the logs whose name is near or past the cut-off are
 * looked at.
 */
export async function pruneRunLogs(jobLogsDir: string, days: number, now: number): Promise<number> {
	const cutoff = now - (days * dayMs);
	let removed = 0;
	let names: string[];
	try {
		names = await readdir(jobLogsDir);
	} catch {
		return 0;
	}

	for (const [index, name] of names.entries()) {
		if (index % namesPerTurn === namesPerTurn - 1) {
			await new Promise(resolve => {
				setImmediate(resolve);
			});
		}

		if (!name.endsWith('.log') || namedAfter(name, cutoff)) {
			continue;
		}

		const file = path.join(jobLogsDir, name);
		try {
			if ((await stat(file)).mtimeMs < cutoff) {
				await unlink(file);
				removed++;
			}
		} catch {
			// Gone already, or not ours to delete.
		}
	}

	return removed;
}

/** Applies `retention:` a minute after start and every six hours, in small batches so the scheduler never stalls. */
export class RetentionSweeper {
	private timer: NodeJS.Timeout | undefined;
	/** Stopped: a sweep still going (it waits on the disk) arms no next one. */
	private stopped = false;
	/** The wall clock and the monotonic one when the sweeper was made, to count the time since on a clock that never steps. */
	private readonly madeAt = {wall: Date.now(), monotonic: performance.now()};

	constructor(
		private readonly store: HistoryStore,
		private readonly paths: AppPaths,
		private readonly retention: () => SchedulerConfig['retention'],
		private readonly logger: SchedulerLogger,
		/** Checkpoints the WAL off the scheduler's thread; resolves when done. */
		private readonly checkpointWal: () => Promise<void> = async () => undefined,
	) {}

	start(): void {
		this.stopped = false;
		this.timer = setTimeout(() => this.sweepSafely(), 60_000);
		this.timer.unref();
	}

	/** A sweep that fails (the database locked, the disk gone) is logged and tried again at the next round. */
	private sweepSafely(): void {
		this.sweep().catch((error: unknown) => {
			this.logger.error({err: error}, 'retention sweep failed; trying again in six hours');
			this.sweepLater();
		});
	}

	stop(): void {
		this.stopped = true;
		clearTimeout(this.timer);
	}

	private sweepLater(): void {
		if (!this.stopped) {
			this.timer = setTimeout(() => this.sweepSafely(), sweepEveryMs);
			this.timer.unref();
		}
	}

	/**
	 * The time to prune by: the wall clock, but never later than the time counted on the monotonic clock
	 * since the sweeper was made. A wall clock stepped forward (a mistyped `date -s`, a bad NTP source, a
	 * VM restored with a wrong clock) would otherwise delete every run and log younger than the step,
	 * for good, even when it is set right a minute later. A suspended machine's clock is ahead too, and
	 * prunes a little less until the next start.
	 */
	private pruneTime(): number {
		const wall = Date.now();
		const counted = this.madeAt.wall + (performance.now() - this.madeAt.monotonic);
		if (wall - counted <= aheadToleranceMs) {
			return wall;
		}

		this.logger.info({aheadMs: Math.round(wall - counted)}, `retention: the wall clock is ${formatDuration(wall - counted)} ahead of the time counted since this scheduler started (a clock step, or a suspended machine): runs and logs are pruned by the counted time, so a clock set wrong deletes nothing`);
		return counted;
	}

	async sweep(now = this.pruneTime()): Promise<{runs: number; logs: number; deliveries: number}> {
		const {runDays, logDays} = this.retention();
		const cutoff = now - (runDays * dayMs);
		const runs = await this.inBatches(() => this.store.pruneBefore(cutoff, pruneBatchSize).deleted);
		// Alerts of no run (heartbeats, deadlines, `notify test`) go by the same age as runs.
		const deliveries = await this.inBatches(() => this.store.pruneRunlessDeliveriesBefore(cutoff, pruneBatchSize));
		const logs = await pruneRunLogs(this.paths.jobLogs, logDays, now);
		if (runs > 0 || logs > 0 || deliveries > 0) {
			const alone = deliveries > 0 ? ` (and ${deliveries} alert deliveries of no run)` : '';
			this.logger.info({runs, logs, deliveries}, `retention: removed ${runs} runs older than ${runDays} days${alone} and ${logs} run logs older than ${logDays} days`);
		}

		this.sweepLater();
		return {runs, logs, deliveries};
	}

	/** Calls `deleteBatch` until it deletes less than a batch; returns how many it deleted in all. */
	private async inBatches(deleteBatch: () => number): Promise<number> {
		let deleted = 0;
		for (let batches = 1; ; batches++) {
			const batch = deleteBatch();
			deleted += batch;
			if (batch < pruneBatchSize) {
				return deleted;
			}

			// Let fires through between batches, and now and then let the WAL be rewound.
			await (batches % batchesPerCheckpoint === 0
				? this.checkpointWal()
				: new Promise(resolve => {
					setImmediate(resolve);
				}));
		}
	}
}
