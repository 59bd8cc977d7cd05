/**
 * A one-off `sage-console run` (no scheduler was up when it started) records its run itself, and a
 * scheduler started beside it leaves that run to it (left-runs-at-start.ts). Killed with -9, the
 * one-off records no end: the run would read `running` until the next scheduler start. This watch
 * finds, every few seconds, the runs history says are going that a live one-off carries out (the
 * start's ownership check), and once that very process is gone while its run still reads going, ends
 * what the run left (as a start does) and closes it as interrupted, once. A run whose one-off lives is
 * never touched, nor one of this scheduler's own (their owner is this process).
 *
 * A run the one-off still had queued (a backfill's later days, a retry waiting for a slot) names the
 * one-off as its process (queuedRunsOwnedHere) and is closed the same way: interrupted, "… died while
 * this run was queued". Not cancelled, which history and the Failures panel keep for a run someone
 * chose to stop, nor skipped, a run its job's rules chose not to run: the work was asked for and is
 * not done, as with the runs a dead scheduler left queued, so it shows among the failures and its
 * job's failure alert is sent.
 */
import {endLeftoverProcesses} from '../executors/leftover-processes.js';
import {commandRunMark} from '../executors/run-mark.js';
import type {ProcessLogger} from '../log/process-logger.js';
import type {AbandonedRun} from '../scheduler/ports.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {HistoryStore} from '../store/history-store.js';
import {oneOffAlive, oneOffOwnerOf, type OneOffProcess} from './one-off-owner.js';

/** How often the runs in history are looked at: a query of the going runs (indexed) and /proc for each. */
const everyMs = 2000;

type Owned = {run: AbandonedRun; owner: OneOffProcess};

export class OneOffRunsWatch {
	private readonly owned = new Map<number, Owned>();
	/** Closed here, so a row whose interrupted write still waits (a locked database) is not closed again. */
	private readonly closed = new Set<number>();
	private timer: NodeJS.Timeout | undefined;
	private checking = false;
	private stopped = false;

	constructor(private readonly store: Pick<HistoryStore, 'abandonedRuns'>, private readonly scheduler: Pick<Scheduler, 'closeLeftRuns'>, private readonly logger: ProcessLogger) {}

	/** Watches from now on, starting with the runs the start left to their one-offs. */
	start(leftToOneOffs: readonly Owned[]): void {
		for (const entry of leftToOneOffs) {
			this.owned.set(entry.run.id, entry);
		}

		this.timer = setInterval(() => {
			void this.check();
		}, everyMs);
		this.timer.unref();
	}

	stop(): void {
		this.stopped = true;
		clearInterval(this.timer);
	}

	/** One look (also run by tests): new one-off runs noted, those whose one-off died closed. */
	async check(): Promise<void> {
		if (this.checking || this.stopped) {
			return;
		}

		this.checking = true;
		try {
			const dead = this.deadOneOffs();
			// Read after the deaths were seen: a one-off that recorded its run's end and then exited left nothing to close.
			const going = this.store.abandonedRuns();
			this.note(going);
			const left = this.stillGoing(dead, going);
			if (left.length === 0) {
				return;
			}

			// As a start does: what the run's process group left, and what carries its mark, is ended.
			const outcomes = await endLeftoverProcesses(left.map(({run}) => ({...run.process!, mark: run.logPath ? commandRunMark(run.id, run.logPath) : undefined})));
			if (this.stopped) {
				// The scheduler stops: the next start closes them.
				return;
			}

			const notes = new Map(left.map(({run}, index) => [run.id, outcomes[index]!]));
			const owners = new Map(left.map(({run, owner}) => [run.id, owner.pid]));
			for (const {run} of left) {
				this.closed.add(run.id);
			}

			this.scheduler.closeLeftRuns(left.map(({run}) => run), notes, run => `the one-off \`sage-console run\` process (pid ${owners.get(run.id)}) that carried it out died`);
		} finally {
			this.checking = false;
		}
	}

	/** Runs going in history that a live one-off (not this process) carries out, and not yet noted. */
	private note(going: readonly AbandonedRun[]): void {
		const ids = new Set(going.map(run => run.id));
		for (const id of this.closed) {
			if (!ids.has(id)) {
				// Its interrupted row is written: nothing can read it as going again.
				this.closed.delete(id);
			}
		}

		for (const run of going) {
			if (run.trigger === 'service' || !run.process || this.owned.has(run.id) || this.closed.has(run.id)) {
				continue;
			}

			const owner = oneOffOwnerOf(run.process);
			if (owner) {
				this.owned.set(run.id, {run, owner});
				this.logger.info({jobId: run.jobId, runId: run.id, owner: owner.pid}, `run ${run.id} of ${run.jobId} is carried out by a one-off \`sage-console run\` (pid ${owner.pid}): left to it, and closed as interrupted if that process dies`);
			}
		}
	}

	/** The noted runs whose one-off is gone, no longer watched. */
	private deadOneOffs(): Owned[] {
		const dead = [...this.owned.values()].filter(({owner}) => !oneOffAlive(owner));
		for (const {run} of dead) {
			this.owned.delete(run.id);
		}

		return dead;
	}

	/** Those of `dead` history still says are going: their one-off recorded no end before it died. */
	private stillGoing(dead: readonly Owned[], going: readonly AbandonedRun[]): Owned[] {
		const rows = new Map(going.map(run => [run.id, run]));
		return dead.flatMap(({run, owner}) => {
			const row = rows.get(run.id);
			return row ? [{run: {...row, process: row.process ?? run.process}, owner}] : [];
		});
	}
}
