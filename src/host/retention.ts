import {readdirSync, statSync, unlinkSync} from 'node:fs';
import path from 'node:path';
import type {SchedulerConfig} from '../core/job-definition.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {HistoryStore} from '../store/history-store.js';
import {pruneBatchSize} from '../store/run-pruning.js';
import type {AppPaths} from './paths.js';

const dayMs = 86_400_000;
const sweepEveryMs = 6 * 3_600_000;
/**
 * Batches between checkpoints (2,000 runs, 4–14 MB of WAL at a million rows). Without them a year of
 * retention grew the WAL to 1 GB and its batches from 3 to 25 ms: every page lookup searches the WAL index.
 */
const batchesPerCheckpoint = 40;

/** Deletes run log files older than `days`; returns how many. */
export function pruneRunLogs(jobLogsDir: string, days: number, now: number): number {
	let removed = 0;
	let names: string[];
	try {
		names = readdirSync(jobLogsDir);
	} catch {
		return 0;
	}

	for (const name of names) {
		const file = path.join(jobLogsDir, name);
		try {
			if (name.endsWith('.log') && now - statSync(file).mtimeMs > days * dayMs) {
				unlinkSync(file);
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

	constructor(
		private readonly store: HistoryStore,
		private readonly paths: AppPaths,
		private readonly retention: () => SchedulerConfig['retention'],
		private readonly logger: SchedulerLogger,
		/** Checkpoints the WAL off the scheduler's thread; resolves when done. */
		private readonly checkpointWal: () => Promise<void> = async () => undefined,
	) {}

	start(): void {
		this.timer = setTimeout(() => this.sweepSafely(), 60_000);
		this.timer.unref();
	}

	/** A sweep that fails (the database locked, the disk gone) is logged and tried again at the next round. */
	private sweepSafely(): void {
		this.sweep().catch((error: unknown) => {
			this.logger.error({err: error}, 'retention sweep failed; trying again in six hours');
			this.timer = setTimeout(() => this.sweepSafely(), sweepEveryMs);
			this.timer.unref();
		});
	}

	stop(): void {
		clearTimeout(this.timer);
	}

	async sweep(now = Date.now()): Promise<{runs: number; logs: number}> {
		const {runDays, logDays} = this.retention();
		let runs = 0;
		for (let batches = 1; ; batches++) {
			const batch = this.store.pruneBefore(now - (runDays * dayMs), pruneBatchSize);
			runs += batch.deleted;
			if (batch.deleted < pruneBatchSize) {
				break;
			}

			// Let fires through between batches, and now and then let the WAL be rewound.
			await (batches % batchesPerCheckpoint === 0
				? this.checkpointWal()
				: new Promise(resolve => {
					setImmediate(resolve);
				}));
		}

		const logs = pruneRunLogs(this.paths.jobLogs, logDays, now);
		if (runs > 0 || logs > 0) {
			this.logger.info({runs, logs}, `retention: removed ${runs} runs older than ${runDays} days and ${logs} run logs older than ${logDays} days`);
		}

		this.timer = setTimeout(() => this.sweepSafely(), sweepEveryMs);
		this.timer.unref();
		return {runs, logs};
	}
}
