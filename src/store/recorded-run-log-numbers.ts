import type Database from 'better-sqlite3';
import type {SqliteDatabase} from './open-database.js';

/** How far before a run's start its scheduled time may lie (catch-up, runs left by a restart). */
const lookBackMs = 8 * 24 * 60 * 60 * 1000;

/**
 * The highest run log number the history has recorded for a day (`…/<YYYYMMDD>_<NNN>.log` in
 * `runs.log_path`), so a day's numbering goes on after its files were deleted. Asked once a day per
 * process; reads only the runs of the last days through the `scheduled_at` index.
 */
export class RecordedRunLogNumbers {
	private select!: Database.Statement;

	constructor(db: SqliteDatabase) {
		this.reattach(db);
	}

	/** Goes on with another connection (the database file was restored after it was deleted). */
	reattach(db: SqliteDatabase): void {
		this.select = db.prepare(String.raw`SELECT log_path FROM runs WHERE scheduled_at >= ? AND log_path LIKE ? ESCAPE '\'`).pluck();
	}

	/** `day` as YYYYMMDD; `at` an instant of that day (runs scheduled long before it are not read). */
	highestOn(day: string, at: number): number {
		let highest = 0;
		const pattern = new RegExp(String.raw`(?:^|[\\/])${day}_(\d+)\.log$`);
		for (const logPath of this.select.all(at - lookBackMs, `%${day}\\_%.log`) as string[]) {
			const match = pattern.exec(logPath);
			if (match) {
				highest = Math.max(highest, Number(match[1]));
			}
		}

		return highest;
	}
}
