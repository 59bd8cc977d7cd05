import type {SchedulerSnapshot} from '../../protocol/snapshot.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {textTable} from './text-table.js';

/** How many next fires the text status lists. */
const shownFires = 10;

/**
 * The text status's part about fires: the next ten, then the jobs that do not fire on schedule and
 * why, so none just drops out of the list (a paused job, a job with `enabled: false`). With the whole
 * scheduler paused there is no next fire (the snapshot has none, as for a paused job): it says so and
 * names the jobs it holds. With no fire to list it says so, rather than a header with nothing under it.
 */
export function statusFireLines(snapshot: SchedulerSnapshot): string[] {
	const zone = snapshot.scheduler.timezone;
	// A heartbeat job fires nothing: its expected ping is in the heartbeat table (status-heartbeats.ts).
	const next = snapshot.jobs.filter(job => job.nextFireAt !== undefined && !job.heartbeat).sort((a, b) => a.nextFireAt! - b.nextFireAt!).slice(0, shownFires);
	const paused = snapshot.jobs.filter(job => job.enabled && job.paused).map(job => job.id);
	const disabled = snapshot.jobs.filter(job => !job.enabled).map(job => job.id);
	const held = snapshot.jobs.filter(job => job.heldBySchedulerPause).map(job => job.id);
	return [
		...(snapshot.scheduler.paused ? [`scheduler PAUSED: no job fires on schedule until \`sage-console resume --all\`${held.length > 0 ? `; held (${held.length}): ${held.join(', ')}` : ''}`] : []),
		...(next.length > 0
			? [textTable(['NEXT FIRE', 'JOB'], next.map(job => [formatZonedIso(job.nextFireAt!, zone).slice(0, 19).replace('T', ' '), job.id]))]
			: (snapshot.scheduler.paused ? [] : ['no fire scheduled'])),
		...(paused.length > 0 ? [`paused (${paused.length}, not firing until \`sage-console resume JOB\`): ${paused.join(', ')}`] : []),
		...(disabled.length > 0 ? [`disabled in jobs.yaml (${disabled.length}): ${disabled.join(', ')}`] : []),
	];
}
