/**
 * A run put on its worker queue, once (its queue job id is deterministic, and a fire of the schedule
 * must win the owner key first), failing fast while Redis is unreachable; or taken over from a
 * scheduler that stopped while it was on the workers. Either way followed through its stream from
 * before its first news.
 */
import {toJobData} from './remote-job-data.js';
import {finishedRunTtlSeconds, isScheduleFire} from './remote-keys.js';
import type {RemoteRunCancel} from './remote-run-cancel.js';
import type {RemoteRunEnding} from './remote-run-ending.js';
import type {RemoteRunState} from './remote-run-state.js';
import type {RemoteRunStream} from './remote-run-stream.js';

export type QueueingParts = {
	run: RemoteRunState;
	ending: RemoteRunEnding;
	stream: RemoteRunStream;
	cancel: RemoteRunCancel;
};

/** How long a taken-over run waits for Redis at a time before it looks again. */
const resumeWaitMs = 5000;

/** Puts the run on its worker queue and follows it; fails fast while Redis is unreachable. */
export async function enqueueRun(parts: QueueingParts): Promise<void> {
	const {run, ending, stream} = parts;
	const {spec, keys, deps: {link, queueName}} = run;
	if (!await link.whenReady(run.deps.connectTimeoutMs)) {
		ending.endHere('failed', {type: 'RedisUnreachable', message: `Redis unreachable at ${link.target.shown}${link.problem ? ` (${link.problem})` : ''}: runs on workers cannot start`});
		return;
	}

	if (run.cancelReason) {
		ending.endHere(run.cancelStatus, {type: 'Cancelled', message: 'cancelled before it reached the worker queue'});
		return;
	}

	if (parts.cancel.withdrawnBeforeQueue()) {
		return;
	}

	try {
		const runId = String(spec.runId);
		const shared = isScheduleFire(spec.trigger);
		// Only a fire of the schedule shares its queue id with other requests: it must win the owner key
		// before it is queued. Any other run's id is its own, so its owner is written with the add, no round trip between.
		if (shared && await link.command.set(keys.owner, runId, 'NX') === null) {
			const owner = await link.command.get(keys.owner);
			if (owner !== runId) {
				ending.endHere('cancelled', {type: 'Duplicate', message: `run ${owner ?? '?'} already put this fire (${spec.jobId} at ${new Date(spec.scheduledAt).toISOString()}, attempt ${spec.attempt}) on the worker queue as ${run.id}: not enqueued twice`});
				return;
			}
		}

		// Followed before it is queued: its first news cannot come before the reader knows it.
		stream.listen(false);
		await Promise.all([
			shared ? undefined : link.command.set(keys.owner, runId),
			link.queue(queueName).add(spec.jobId, toJobData(spec, Date.now()), {jobId: run.id, removeOnComplete: {age: finishedRunTtlSeconds}, removeOnFail: {age: finishedRunTtlSeconds}}),
		]);
	} catch (error) {
		ending.endHere('failed', {type: 'RedisError', message: `could not put the run on worker queue ${queueName}: ${(error as Error).message}`});
		return;
	}

	onTheQueue(parts);
}

/** Takes the run over from a scheduler that stopped while it was on the workers: reads its stream from the start. */
export async function resumeRun(parts: QueueingParts): Promise<void> {
	const {run, ending, stream} = parts;
	run.wroteLog = run.log.resume() > 0;
	const {link} = run.deps;
	while (run.phase === 'connecting' && !link.isClosed && !await link.whenReady(resumeWaitMs)) {
		// Redis is away: the run may well go on; wait for it rather than guess.
	}

	try {
		if (run.phase === 'connecting' && await link.command.get(run.keys.owner) !== String(run.spec.runId)) {
			ending.endHere('interrupted', {type: 'Interrupted', message: 'the scheduler stopped before this run reached the worker queue'});
			return;
		}
	} catch {
		// Redis went again: follow the stream, which tells what happened.
	}

	stream.listen(true);
	onTheQueue(parts);
}

/** On the queue: cancels go to the worker from now on (one asked for meanwhile, now). */
function onTheQueue({run, cancel}: QueueingParts): void {
	if (run.phase !== 'connecting') {
		return;
	}

	run.phase = 'queued';
	if (run.cancelReason) {
		void cancel.send();
	} else {
		void cancel.queued();
	}
}
