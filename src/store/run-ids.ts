/**
 * Run ids handed out: one more than the highest in the table or handed out here. Ids are handed out
 * before their rows are written (writes wait while the database is locked), and a one-off `run`
 * process beside the scheduler writes its row at once, so both see each other's ids. The table is
 * read once per piece of work (a second's fires take a hundred ids in one), not once per id. Kept
 * across a change of connection (the database file restored).
 */
export class RunIds {
	private lastRunId = 0;
	private maxIdRead = false;

	/** The next free run id; `highestInTable` is asked at most once per piece of work. */
	next(highestInTable: () => number): number {
		if (!this.maxIdRead) {
			this.lastRunId = Math.max(this.lastRunId, highestInTable());
			this.maxIdRead = true;
			queueMicrotask(() => {
				this.maxIdRead = false;
			});
		}

		return ++this.lastRunId;
	}
}
