import type {SchedulerSnapshot} from '../../protocol/snapshot.js';
import {formatDuration} from '../../config/quantities.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {textTable} from './text-table.js';

/**
 * The text status's part about next attempts waiting for their backoff: nothing runs or waits for a
 * slot meanwhile, so without it a job between attempts looked settled. Each names the run it follows,
 * which `cancel` drops the attempt by and `retry` asks for it now by.
 */
export function statusRetryLines(snapshot: SchedulerSnapshot, now: number): string[] {
	const zone = snapshot.scheduler.timezone;
	const waiting = snapshot.jobs.filter(job => job.retry !== undefined).sort((a, b) => a.retry!.at - b.retry!.at);
	if (waiting.length === 0) {
		return [];
	}

	const rows = waiting.map(({id, retry}) => [
		formatZonedIso(retry!.at, zone).slice(0, 19).replace('T', ' '),
		id,
		`attempt ${retry!.attempt} of ${retry!.of}, in ${formatDuration(Math.max(0, retry!.at - now))}`,
		`run ${retry!.after} · cancel ${retry!.after} drops it, retry ${retry!.after} runs it now`,
	]);
	return [textTable(['RETRY AT', 'JOB', 'ATTEMPT', 'AFTER'], rows)];
}
