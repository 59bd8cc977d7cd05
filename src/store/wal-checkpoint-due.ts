import {statSync} from 'node:fs';

/** The WAL file as `stat` sees it: it grows past its largest extent only with new frames. */
export type WalFile = {size: number; modifiedMs: number};

/** The WAL file when the last checkpoint was asked for, and when that was. */
export type WalMark = WalFile & {at: number};

export type CheckpointRules = {
	/** Frames written past the WAL's extent at the last checkpoint that make one due at once. */
	growthBytes: number;
	/** The longest any write waits in the WAL for a checkpoint. */
	ageMs: number;
};

export function walFile(databaseFile: string): WalFile | undefined {
	try {
		const stats = statSync(`${databaseFile}-wal`);
		return {size: stats.size, modifiedMs: stats.mtimeMs};
	} catch {
		return undefined;
	}
}

/**
 * Whether the WAL needs a checkpoint now: something was written since the last one, and either
 * the file grew by `growthBytes` (a burst of writes) or the last one is `ageMs` old (a box that
 * writes a row a minute checkpoints every few minutes, not every half minute).
 */
export function checkpointDue(wal: WalFile | undefined, mark: WalMark, now: number, rules: CheckpointRules): boolean {
	if (!wal || wal.modifiedMs <= mark.modifiedMs) {
		return false;
	}

	return wal.size - mark.size >= rules.growthBytes || now - mark.at >= rules.ageMs;
}
