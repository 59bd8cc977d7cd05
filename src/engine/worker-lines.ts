import type {LiveRun} from './live-runs.js';
import type {PendingRun} from './run-queue.js';

/** The last run handed to a worker that takes more, with how many runs wait there. */
export type LineTail = {tail: LiveRun; waiting: number};

/**
 * The lines of runs on busy workers: a run handed to a worker behind another knows the run before it
 * (`after`) and is known by it (`follower`), until it starts there or leaves. Every run in a line is
 * also one of the live runs; this keeps only who stands behind whom.
 */
export class WorkerLines {
	private waitingRuns = 0;

	/** Runs handed behind others that have not started. */
	get waiting(): number {
		return this.waitingRuns;
	}

	/** `live` (waiting, not started) stands behind `leader`, the last run handed to that worker. */
	join(live: LiveRun, leader: LiveRun): void {
		live.after = leader;
		leader.follower = live;
		this.waitingRuns++;
	}

	/** A waiting run started on its worker: nothing stands before it any more. */
	started(live: LiveRun): void {
		live.waiting = undefined;
		this.waitingRuns--;
		if (live.after?.follower === live) {
			live.after.follower = undefined;
		}

		live.after = undefined;
	}

	/** A run leaves its line (it ended, or was taken back before it started); the one behind it moves up. */
	leave(live: LiveRun): void {
		if (live.waiting) {
			live.waiting = undefined;
			this.waitingRuns--;
		}

		if (live.after?.follower === live) {
			live.after.follower = live.follower;
		}

		if (live.follower) {
			live.follower.after = live.after;
		}

		live.after = undefined;
		live.follower = undefined;
	}

	/** The priority of the waiting runs (one at a time: see handBehindBusyRuns), if any wait. */
	priority(runs: Iterable<LiveRun>): PendingRun['job']['priority'] | undefined {
		if (this.waitingRuns === 0) {
			return undefined;
		}

		for (const run of runs) {
			if (run.waiting) {
				return run.pending.job.priority;
			}
		}

		return undefined;
	}

	/** The runs that hold a slot: started ones, and waiting ones with nothing left before them. */
	static slotHolders(runs: Iterable<LiveRun>): PendingRun[] {
		const holders: PendingRun[] = [];
		for (const run of runs) {
			if (!run.waiting || !run.after) {
				holders.push(run.pending);
			}
		}

		return holders;
	}

	/**
	 * The last run of each worker that takes more runs behind it (a module run of its own worker, not
	 * being stopped), with how many wait there.
	 */
	static tails(runs: Iterable<LiveRun>): LineTail[] {
		const tails: LineTail[] = [];
		for (const run of runs) {
			if (run.follower || run.cancelReason || run.pending.job.target.kind !== 'module' || run.pending.job.maxMemoryMb !== undefined) {
				continue;
			}

			let waiting = 0;
			for (let at: LiveRun | undefined = run; at?.waiting; at = at.after) {
				waiting++;
			}

			tails.push({tail: run, waiting});
		}

		return tails;
	}
}
