import type {RunRecord} from '../core/run-record.js';
import {isFinal} from '../core/run-states.js';
import type {ServiceView} from '../protocol/snapshot.js';

/**
 * A service's last exit as its runs in history tell it (newest first, as history answers): the run that
 * ended last, with its exit code or signal. After a scheduler restart the supervisor knows no exit of
 * its own yet, and the status table's LAST EXIT would read `—` for every service.
 */
export function lastExitFromHistory(runs: readonly RunRecord[]): ServiceView['lastExit'] {
	let last: RunRecord | undefined;
	for (const run of runs) {
		if (isFinal(run.status) && run.finishedAt !== undefined && (last === undefined || run.finishedAt > last.finishedAt!)) {
			last = run;
		}
	}

	if (!last) {
		return undefined;
	}

	const result = typeof last.result === 'object' && last.result !== null ? last.result as Record<string, unknown> : {};
	return {
		at: last.finishedAt!,
		runId: last.id,
		status: last.status,
		...(typeof result.exitCode === 'number' ? {exitCode: result.exitCode} : {}),
		...(typeof result.signal === 'string' ? {signal: result.signal} : {}),
		...(typeof result.stop === 'string' ? {stop: result.stop} : {}),
		message: last.error?.message ?? last.message ?? `${last.jobId} ${last.status}`,
	};
}
