/**
 * A run asked for, from whichever side (the operator, catch-up, a chain, a retry, a group's member):
 * the job's params and trade date filled in (the params it was asked for with kept with the run, for
 * its retry), then through the dispatch's policies and queue as a scheduled run; what follows runs
 * (retries, chains, waiters) hears of it.
 */
import {tradeDateOf} from '../market/market-session.js';
import type {SubmitResult} from '../protocol/messages.js';
import {summarizeRun} from '../protocol/run-summary.js';
import {askedParams} from './asked-params.js';
import type {FireTimer} from './fire-timer.js';
import type {Dispatched, RunDispatch} from './run-dispatch.js';
import type {RunSequels} from './run-sequels.js';
import type {SchedulerDeps, SubmitOptions} from './scheduler-deps.js';
import type {SchedulerState} from './scheduler-state.js';

export type RequestParts = {
	readonly deps: Pick<SchedulerDeps, 'clock'>;
	readonly state: Pick<SchedulerState, 'calendar'>;
	readonly timer: FireTimer;
	readonly dispatch: RunDispatch;
	readonly sequels: RunSequels;
};

export function requestRun(parts: RequestParts, jobId: string, options: SubmitOptions): Dispatched {
	const slot = parts.timer.get(jobId);
	if (!slot) {
		return {ok: false, reason: `no job "${jobId}"`};
	}

	if (slot.job.heartbeat) {
		return {ok: false, reason: `${jobId} is a heartbeat job: an outside process runs it and pings in (POST /v1/heartbeats/${jobId} or sage-console ping ${jobId})`};
	}

	const scheduledAt = options.scheduledAt ?? parts.deps.clock.now();
	const dispatched = parts.dispatch.request(slot.job, {
		trigger: options.trigger ?? 'manual',
		scheduledAt,
		attempt: options.attempt ?? 1,
		params: options.runParams ?? {...slot.job.params, ...options.params},
		askedParams: askedParams(options.params),
		tradeDate: options.tradeDate ?? tradeDateOf(scheduledAt, parts.state.calendar),
		...(options.backfill ? {backfill: true} : {}),
		...(options.retryOf === undefined ? {} : {retryOf: options.retryOf}),
	});
	if (dispatched.record) {
		parts.sequels.requested(dispatched.record);
	}

	return dispatched;
}

/** The answer a client gets: the run as a summary, or why there is none (with the run it made, if any). */
export function submitResult(dispatched: Dispatched): SubmitResult {
	return dispatched.ok ? {ok: true, run: summarizeRun(dispatched.record)} : {ok: false, reason: dispatched.reason, run: dispatched.record && summarizeRun(dispatched.record)};
}
