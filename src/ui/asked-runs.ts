/**
 * The runs this console asked for (`r`) that the scheduler has answered for but its snapshot does not
 * show yet: the snapshot's patches come up to a quarter second after a run is queued, so a `c` pressed
 * right after `r` would find nothing to cancel while the run is starting.
 */
import type {LiveRunView, RunSummary, SchedulerSnapshot} from '../protocol/snapshot.js';

type Asked = {view: LiveRunView; snapshot: SchedulerSnapshot};

export class AskedRuns {
	private asked: Asked[] = [];

	/** @param snapshot the feed's newest snapshot (replaced by each patch) */
	constructor(private readonly snapshot: () => SchedulerSnapshot) {}

	/** A run the scheduler said it queued or started for this console. */
	note(run: RunSummary): void {
		if (run.status !== 'queued' && run.status !== 'running') {
			return;
		}

		const job = this.snapshot().jobs.find(candidate => candidate.id === run.jobId);
		const view: LiveRunView = {runId: run.id, jobId: run.jobId, jobName: job?.name ?? run.jobId, trigger: run.trigger, status: run.status, scheduledAt: run.scheduledAt, startedAt: run.startedAt, attempt: run.attempt};
		this.asked.push({view, snapshot: this.snapshot()});
	}

	/**
	 * The newest snapshot's live runs, then the asked ones it cannot show yet. The answer and the
	 * patches come in order on one connection, and a patch is the scheduler's whole state when it is
	 * sent: any patch after the answer lists the run if it is still live.
	 */
	live(): readonly LiveRunView[] {
		const current = this.snapshot();
		this.asked = this.asked.filter(asked => asked.snapshot === current);
		const unseen = this.asked.filter(asked => !current.live.some(run => run.runId === asked.view.runId));
		return unseen.length === 0 ? current.live : [...current.live, ...unseen.map(asked => asked.view)];
	}
}
