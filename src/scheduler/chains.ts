/**
 * `after:` — a job that runs once every job it names has succeeded for the same trading day. Which
 * jobs succeeded for which day is kept in memory (loaded from history at start), so a chain starts
 * the moment its last parent succeeds, even while history writes wait.
 */
import type {JobDefinition} from '../core/job-definition.js';

/** Trading days remembered: a chain's parents all succeed within a few days of each other. */
const daysKept = 10;

export class Chains {
	private readonly successes = new Map<string, Set<string>>();

	constructor(
		/** `backfill`: the run that completed the parents is part of a backfill, and so is this one. */
		private readonly submit: (jobId: string, tradeDate: string, backfill: boolean) => void,
		private readonly say: (msg: string, jobId: string) => void,
	) {}

	/** What history says succeeded (at start). */
	load(successes: Iterable<{jobId: string; tradeDate: string}>): void {
		for (const {jobId, tradeDate} of successes) {
			this.remember(jobId, tradeDate);
		}
	}

	/** A run succeeded (`backfill`: a run of a backfill): starts each `after:` job all of whose parents have now succeeded that day. */
	succeeded(jobId: string, tradeDate: string, jobs: Iterable<{job: JobDefinition; paused: boolean}>, backfill = false): void {
		this.remember(jobId, tradeDate);
		const done = this.successes.get(tradeDate)!;
		for (const {job: child, paused} of jobs) {
			if (!child.after.includes(jobId) || !child.after.every(parent => done.has(parent))) {
				continue;
			}

			// Not started, but said: the chain's run for the day does not come later, when the job is resumed.
			if (!child.enabled || paused) {
				this.say(`${child.id}: ${child.after.join(', ')} succeeded for ${tradeDate}; the chain is not started: ${child.id} is ${paused ? 'paused' : 'disabled (enabled: false)'}`, child.id);
			} else {
				this.say(`${child.id}: ${child.after.join(', ')} succeeded for ${tradeDate}; starting the chain${backfill ? ' (part of a backfill: it waits its turn instead of being skipped)' : ''}`, child.id);
				this.submit(child.id, tradeDate, backfill);
			}
		}
	}

	private remember(jobId: string, tradeDate: string): void {
		let jobs = this.successes.get(tradeDate);
		if (!jobs) {
			jobs = new Set();
			this.successes.set(tradeDate, jobs);
			const days = [...this.successes.keys()].sort();
			for (const old of days.slice(0, Math.max(0, days.length - daysKept))) {
				this.successes.delete(old);
			}
		}

		jobs.add(jobId);
	}
}
