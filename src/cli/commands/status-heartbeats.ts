/**
 * The text status's part about heartbeat jobs (an outside process pings in; nothing fires here), in the
 * console's words (ui/heartbeat-text.ts): a `!` line for each late or down one among the warnings at the
 * top, where an operator reading `status` over a phone's SSH sees it first, and a table of every one's
 * state with its last ping and the ping it expects next. They are not among the next fires: a late one's
 * expected ping is in the past, and nothing of theirs fires.
 */
import type {JobView, SchedulerSnapshot} from '../../protocol/snapshot.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {agoText, heartbeatLastText, heartbeatStateText} from '../../ui/heartbeat-text.js';
import {formatIn} from '../../ui/relative-time.js';
import {textTable} from './text-table.js';

type HeartbeatJob = JobView & {heartbeat: NonNullable<JobView['heartbeat']>};

const heartbeatJobs = (snapshot: SchedulerSnapshot) => snapshot.jobs.filter((job): job is HeartbeatJob => job.heartbeat !== undefined);
const stampOf = (zone: string) => (at: number) => formatZonedIso(at, zone).slice(0, 19).replace('T', ' ');

/** `! heartbeat py_export late: no ping since …`: one line for each enabled heartbeat job late or down. */
export function heartbeatWarningLines(snapshot: SchedulerSnapshot): string[] {
	const stamp = stampOf(snapshot.scheduler.timezone);
	return heartbeatJobs(snapshot)
		.filter(job => job.enabled && (job.heartbeat.state === 'late' || job.heartbeat.state === 'down'))
		.map(job => `! heartbeat ${job.id} ${heartbeatStateText(job.heartbeat, stamp)}`);
}

/** The HEARTBEAT table (STATE as the console's LAST, NEXT PING as its NEXT), or nothing without heartbeat jobs. */
export function statusHeartbeatLines(snapshot: SchedulerSnapshot, now: number): string[] {
	const jobs = heartbeatJobs(snapshot);
	if (jobs.length === 0) {
		return [];
	}

	const stamp = stampOf(snapshot.scheduler.timezone);
	const rows = jobs.map(job => [job.id, job.enabled ? heartbeatLastText(job.heartbeat, stamp) : 'disabled in jobs.yaml', nextPingText(job, now, stamp)]);
	return [textTable(['HEARTBEAT', 'STATE', 'NEXT PING'], rows)];
}

/** When its next ping is due: `2026-12-05 15:00:00 3m overdue`, `… in 25m`; why none while paused. */
function nextPingText(job: HeartbeatJob, now: number, stamp: (at: number) => string): string {
	if (!job.enabled) {
		return '—';
	}

	if (job.heldBySchedulerPause) {
		return 'scheduler paused';
	}

	if (job.heartbeat.state === 'paused' || job.paused) {
		return 'paused';
	}

	if (job.nextFireAt === undefined) {
		return '—';
	}

	// Only a late or down heartbeat's time is past (its ping was due then and has not come): how long ago.
	const when = job.nextFireAt < now - 1000 ? agoText(now - job.nextFireAt).replace(/ ago$/, ' overdue') : formatIn(job.nextFireAt - now);
	return `${stamp(job.nextFireAt)} ${when}`;
}
