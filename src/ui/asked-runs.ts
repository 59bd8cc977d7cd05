/**
 * The runs this console asked for (`r`) that its snapshot does not show yet: first while the
 * scheduler's answer is on its way (a `c` typed right after `r` comes before it), then until a patch
 * lists the run (the snapshot's patches come up to a quarter second after a run is queued). A `c`
 * pressed meanwhile would otherwise find nothing to cancel while the run is starting.
 */
import type {LiveRunView, RunSummary, SchedulerSnapshot} from '../protocol/snapshot.js';

type Asked = {view: LiveRunView; snapshot: SchedulerSnapshot};

export class AskedRuns {
	private asked: Asked[] = [];
	/** Per job, the run `r` asked for whose answer has not come: it settles with the run (none: not started). */
	private readonly coming = new Map<string, Promise<LiveRunView | undefined>>();

	/** @param snapshot the feed's newest snapshot (replaced by each patch) */
	constructor(private readonly snapshot: () => SchedulerSnapshot) {}

	/**
	 * A run of `jobId` asked for: `answer` settles with the run the scheduler queued or started (none
	 * when it refused, or the request failed). Noted before anything else waiting on the answer runs.
	 */
	asking(jobId: string, answer: Promise<RunSummary | undefined>): void {
		const coming = answer.then(run => {
			if (this.coming.get(jobId) === coming) {
				this.coming.delete(jobId);
			}

			return run === undefined ? undefined : this.note(run);
		}, () => undefined);
		this.coming.set(jobId, coming);
	}

	/** The newest run of `jobId` asked for whose answer has not come yet, settling with it when it does. */
	comingFor(jobId: string): Promise<LiveRunView | undefined> | undefined {
		return this.coming.get(jobId);
	}

	/** A run the scheduler said it queued or started for this console; its view (none: it is over already). */
	note(run: RunSummary): LiveRunView | undefined {
		if (run.status !== 'queued' && run.status !== 'running') {
			return undefined;
		}

		const job = this.snapshot().jobs.find(candidate => candidate.id === run.jobId);
		const view: LiveRunView = {runId: run.id, jobId: run.jobId, jobName: job?.name ?? run.jobId, trigger: run.trigger, status: run.status, scheduledAt: run.scheduledAt, startedAt: run.startedAt, attempt: run.attempt};
		this.asked.push({view, snapshot: this.snapshot()});
		return view;
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
