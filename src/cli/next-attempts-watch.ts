/**
 * The retries of one job as the scheduler asks for them (`run-queued`, or `run-skipped` when its
 * concurrency refused one), collected from the moment a command starts following: a retry asked for
 * before the command looked for it (a backoff of 0 s) is not missed.
 */
import type {SchedulerClient} from '../protocol/client.js';
import type {RunSummary} from '../protocol/snapshot.js';

export class NextAttemptsWatch {
	private readonly seen = new Map<string, RunSummary>();
	private readonly waiting = new Map<string, (run: RunSummary) => void>();
	private readonly offs: Array<() => void>;

	constructor(client: SchedulerClient, private readonly jobId: string) {
		const take = (run: RunSummary) => this.take(run);
		this.offs = [client.on('run-queued', take), client.on('run-skipped', take)];
	}

	/** Whether attempt `attempt` for the trade day has been asked for already. */
	has(attempt: number, tradeDate: string | undefined): boolean {
		return this.seen.has(keyOf(attempt, tradeDate));
	}

	/** Settles with the run of the job's attempt `attempt` for the trade day `tradeDate`, once it is asked for. */
	async next(attempt: number, tradeDate: string | undefined): Promise<RunSummary> {
		const key = keyOf(attempt, tradeDate);
		const seen = this.seen.get(key);
		if (seen) {
			return seen;
		}

		return new Promise(resolve => {
			this.waiting.set(key, resolve);
		});
	}

	close(): void {
		for (const off of this.offs) {
			off();
		}
	}

	private take(run: RunSummary): void {
		if (run.jobId !== this.jobId || run.trigger !== 'retry') {
			return;
		}

		const key = keyOf(run.attempt, run.tradeDate);
		this.seen.set(key, run);
		this.waiting.get(key)?.(run);
		this.waiting.delete(key);
	}
}

function keyOf(attempt: number, tradeDate: string | undefined): string {
	return `${attempt} ${tradeDate ?? ''}`;
}
