/** What `sage-console` exits with; documented in the README and `--help`. */
export const exitCodes = {
	ok: 0,
	/** A run failed, a config is broken, a database problem. */
	failed: 1,
	usage: 2,
	/** Another scheduler already schedules this database. */
	schedulerRunning: 3,
	/** A command that needs the live scheduler found none, or lost it. */
	noScheduler: 4,
} as const;
