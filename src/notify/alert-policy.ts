import type {JobDefinition} from '../core/job-definition.js';
import {failureStatuses, type RunRecord} from '../core/run-record.js';

export type AlertState = {failing: boolean; failures: number; since?: number};
export type AlertDecision = {send?: 'failure' | 'recovery' | 'success'; state: AlertState};

/**
 * One alert when a job starts failing, one when it recovers (with the count), none for the repeats
 * in between. A failure with a next attempt still to come (a retry, or a run handed to another worker)
 * is not final, so it is neither counted nor sent. `untold`: the alert that started the failing reached
 * no channel, so a repeat is told as the first failure would have been (and the count goes on).
 */
export function decideAlert(job: JobDefinition, run: RunRecord, state: AlertState | undefined, nextAttempt: boolean, untold = false): AlertDecision | undefined {
	const current = state ?? {failing: false, failures: 0};
	const rule = {onFailure: job.notify?.onFailure ?? true, onRecovery: job.notify?.onRecovery ?? true, onSuccess: job.notify?.onSuccess ?? false};
	if (failureStatuses.has(run.status)) {
		if (nextAttempt) {
			return undefined;
		}

		if (current.failing) {
			const counted = {...current, failures: current.failures + 1};
			return untold ? {send: rule.onFailure ? 'failure' : undefined, state: counted} : {state: counted};
		}

		return {send: rule.onFailure ? 'failure' : undefined, state: {failing: true, failures: 1, since: run.finishedAt}};
	}

	if (run.status !== 'success') {
		return undefined;
	}

	if (current.failing) {
		return {send: rule.onRecovery ? 'recovery' : undefined, state: {failing: false, failures: 0}};
	}

	return rule.onSuccess ? {send: 'success', state: current} : undefined;
}
