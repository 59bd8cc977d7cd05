/**
 * The facts of a heartbeat job's view: its state, its pings, how its outside process pings, the next
 * ping it expects. It has no runs, no success rate and no durations: nothing runs for it here.
 */
import type {JobDetail} from '../../protocol/messages.js';
import type {HeartbeatView, JobView} from '../../protocol/snapshot.js';
import {formatZonedIso, zonedDate} from '../../time/zoned-time.js';
import {agoText, heartbeatColor, heartbeatPingHow, heartbeatPingsText, heartbeatStateText} from '../heartbeat-text.js';
import {formatIn} from '../relative-time.js';
import {glyphs, theme} from '../theme.js';

/** A fact: its label, its text, its colour. */
export type Fact = [label: string, text: string, color?: string];

/** Where the runs table would be: why there is none. */
export const heartbeatNoRuns = 'no runs: an outside process does the work and pings in (r does not apply)';

/** A moment with seconds, its day when not today's. */
function momentIn(at: number, now: number, zone: string): string {
	const day = zonedDate(at, zone) === zonedDate(now, zone) ? '' : `${zonedDate(at, zone).slice(5)} `;
	return `${day}${formatZonedIso(at, zone).slice(11, 19)}`;
}

/** The next ping: when it is due (or how long it is overdue), then the schedule's later times. */
function nextText(job: JobView, heartbeat: HeartbeatView, detail: JobDetail, now: number, zone: string): string {
	const at = job.nextFireAt;
	if (at === undefined) {
		return job.paused || !job.enabled || job.heldBySchedulerPause ? 'none expected while paused' : (detail.neverFires ? 'never again' : 'none expected');
	}

	const when = at < now - 1000 ? `${agoText(now - at).replace(/ ago$/, '')} overdue` : formatIn(at - now);
	const due = `${heartbeat.state === 'new' ? 'due by' : 'expected by'} ${momentIn(at, now, zone)} (${when})`;
	const later = detail.nextFires.filter(fire => fire > Math.max(at, now)).slice(0, 3).map(fire => momentIn(fire, now, zone).slice(0, -3));
	return later.length > 0 ? `${due} · then ${later.join(' · ')}` : due;
}

export function heartbeatFacts(job: JobView, heartbeat: HeartbeatView, detail: JobDetail, now: number, zone: string): Fact[] {
	const moment = (at: number) => momentIn(at, now, zone);
	const state = !job.enabled
		? [`${glyphs.disabled} disabled`, theme.warn]
		: (job.paused ? [`${glyphs.paused} paused: pings are kept, nothing is told`, theme.warn] : [heartbeatStateText(heartbeat, moment), heartbeatColor(heartbeat.state)]);
	return [
		['schedule', `${job.schedule}   queue ${job.queue} · pings are expected on this schedule`],
		['state', state[0]!, state[1]],
		['pings', heartbeatPingsText(heartbeat, now, moment)],
		['ping with', heartbeatPingHow(job.id)],
		['next ping', nextText(job, heartbeat, detail, now, zone)],
		...(detail.notes.length === 0 ? [] : detail.notes.map((note, index): Fact => [index === 0 ? 'why' : '', note, theme.warn])),
	];
}
