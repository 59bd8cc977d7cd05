/**
 * What turning a job off (a pause, a reload disabling it) stopped of what had not begun: the runs
 * waiting for a slot or a worker, and the next attempts waiting for their backoff. Told to whoever
 * asked for the pause (`sage-console pause`, the API, the console's `p`).
 */

/** A run of a turned-off job that had not begun, and what became of it. */
export type StoppedRun = {
	runId: number;
	jobId: string;
	/**
	 * `queued`: cancelled while it waited for a slot; `off-queue`: taken off its worker queue; `taken`: a
	 * worker took it meanwhile, so it goes on; `withdrawing`: its queue has not answered yet (Redis slow or
	 * away): it is taken off when it does, unless a worker takes it first, as the log then says.
	 */
	was: 'queued' | 'off-queue' | 'taken' | 'withdrawing';
	/** The worker queue, for a run on workers. */
	queue?: string;
};

/** A next attempt dropped while it waited for its backoff: attempt `attempt` of the job, after run `after`. */
export type DroppedAttempt = {after: number; jobId: string; attempt: number};

/** What a pause stopped. */
export type PauseStops = {runs: StoppedRun[]; attempts: DroppedAttempt[]};
