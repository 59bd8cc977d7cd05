/**
 * The worker's log line at a run's end: its status, and how long it ran here (`durationMs`), from its
 * taking to its end. An end that reached Redis late (Redis away when the run ended: the end waits for it, nothing
 * lost) says so apart, so the duration is the run's, not the outage's.
 */
import {formatDuration} from '../config/quantities.js';
import type {CarriedOut} from './worker-run.js';

/** An end written this much after the run ended is said to have waited (for Redis). */
const lateEndMs = 1000;

/** The fields and message of the end line of a run taken at `takenAt` (this machine's clock). */
export function endLine<Fields extends {runId: number | string; jobId: string}>(fields: Fields, result: CarriedOut, takenAt: number): [Record<string, unknown>, string] {
	const {runId, jobId} = fields;
	if (result.status === 'claimed') {
		return [{...fields, status: result.status}, `run ${runId} was already taken by ${result.by ?? '?'}; not run here`];
	}

	const endedAt = result.endedAt ?? Date.now();
	const lateMs = Date.now() - endedAt;
	const late = lateMs >= lateEndMs;
	return [
		{...fields, status: result.status, durationMs: endedAt - takenAt, ...(late ? {endWrittenAfterMs: lateMs} : {})},
		`run ${runId} of ${jobId} ${result.status}${late ? ` (its end reached Redis ${formatDuration(lateMs)} later)` : ''}`,
	];
}
