import {existsSync} from 'node:fs';
import {HistoryStore} from '../../store/history-store.js';
import {openDatabaseForReading} from '../../store/read-only-database.js';

/**
 * Whether the whole scheduler is paused (`pause --all`), as the history database keeps it: what the
 * scheduler answering on the root says, and what the next one started keeps. No database yet: not paused.
 */
export function readSchedulerPaused(dbFile: string): boolean {
	if (!existsSync(dbFile)) {
		return false;
	}

	const db = openDatabaseForReading(dbFile);
	try {
		return new HistoryStore(db).schedulerPaused();
	} finally {
		db.close();
	}
}
