/**
 * Whether a run's worker is lost, looked at every few seconds: a run whose worker's heartbeat stopped
 * is handed to another worker once BullMQ found it stalled (the worker stopped renewing its lock). A
 * live worker that lost its lock (a long Redis outage) keeps its run: its outcome still comes through
 * the stream, nothing runs twice.
 */
import {finishedRunTtlSeconds} from './remote-keys.js';
import type {RemoteRunEnding} from './remote-run-ending.js';
import type {RemoteRunState} from './remote-run-state.js';

/** How long a worker's heartbeat must stay gone before its run is handed to another. */
const workerGoneMs = 3000;

/** How often, at most, the queue job's state is asked for while its worker is gone. */
const stateCheckEveryMs = 2000;

/** States of a queue job that say BullMQ gave up on the worker that had it. */
const givenUpStates = new Set(['failed', 'waiting', 'prioritized', 'unknown']);

export class WorkerLostCheck {
	private silentSince: number | undefined;
	private stateCheckedAt = 0;

	constructor(private readonly run: RemoteRunState, private readonly ending: RemoteRunEnding) {}

	async check(now: number): Promise<void> {
		const {run} = this;
		if (run.phase !== 'queued' || !run.worker || run.deps.workerAlive(run.worker) !== false) {
			this.silentSince = undefined;
			return;
		}

		// A heartbeat missed across a Redis restart is no death: only one gone for a while counts.
		this.silentSince ??= now;
		if (now - this.silentSince < workerGoneMs) {
			return;
		}

		if (!run.stalled && now - this.stateCheckedAt >= stateCheckEveryMs) {
			this.stateCheckedAt = now;
			try {
				const state = await run.deps.link.queue(run.deps.queueName).getJobState(run.id);
				if (givenUpStates.has(state)) {
					run.stalled = `its queue job is ${state}`;
				}
			} catch {
				return;
			}
		}

		if (run.stalled && run.phase === 'queued') {
			void run.deps.link.command.set(run.keys.cancel, 'handed-over', 'EX', finishedRunTtlSeconds).catch(() => undefined);
			// It ended when its worker died, last heard of at its last heartbeat: not seconds later, when that was seen.
			this.ending.handOver('WorkerLost', `worker ${run.worker} stopped answering (${run.stalled})`, run.deps.workerLastBeatAt(run.worker));
		}
	}
}
