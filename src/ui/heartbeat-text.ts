/**
 * How the console words a heartbeat job (an outside process pings in; nothing runs here): its state
 * where other jobs show their last run, as the API and `sage-console ping` name it (new, up, late,
 * down, paused), and what its view says about pings.
 */
import {formatDuration} from '../config/quantities.js';
import type {HeartbeatView} from '../protocol/snapshot.js';
import {formatIn} from './relative-time.js';
import {glyphs, statusGlyph, theme} from './theme.js';

type Color = (typeof theme)[keyof typeof theme];

export const heartbeatGlyph: Record<HeartbeatView['state'], string> = {
	new: '·',
	up: statusGlyph.success,
	late: statusGlyph.timeout,
	down: statusGlyph.failed,
	paused: glyphs.paused,
};

export function heartbeatColor(state: HeartbeatView['state']): Color {
	return {new: theme.muted, up: theme.good, late: theme.warn, down: theme.bad, paused: theme.warn}[state];
}

/** "3m ago", "2h05m ago"; "just now" within a second. */
export function agoText(ms: number): string {
	const span = formatIn(ms);
	return span === 'now' ? 'just now' : `${span.slice('in '.length)} ago`;
}

/** A `/start` ping newer than the last ping: the outside process is at work. */
const startedSincePing = (heartbeat: HeartbeatView) => heartbeat.lastStartAt !== undefined && heartbeat.lastStartAt > (heartbeat.lastPingAt ?? Number.NEGATIVE_INFINITY);

/**
 * The jobs panel's LAST for a heartbeat job: its state and its last ping's time (`✓ up 15:02`,
 * `✗ down: fail 15:02`, `new, no ping yet`), or the time of a `/start` newer than it (`· new, started 15:02`).
 * A paused one shows only its last ping (NEXT says paused). `clock` words a moment as LAST does a run's end.
 */
export function heartbeatLastText(heartbeat: HeartbeatView, clock: (at: number) => string): string {
	const {state, lastPingAt, lastOutcome} = heartbeat;
	if (state === 'paused') {
		return lastPingAt === undefined ? 'no ping yet' : `pinged ${clock(lastPingAt)}`;
	}

	const said = `${heartbeatGlyph[state]} ${state}${lastOutcome === 'fail' && state === 'down' ? ': fail' : ''}`;
	if (startedSincePing(heartbeat)) {
		return `${said}, started ${clock(heartbeat.lastStartAt!)}`;
	}

	return lastPingAt === undefined ? 'new, no ping yet' : `${said} ${clock(lastPingAt)}`;
}

/** The job view's `state` fact for a heartbeat job that is not paused or disabled. */
export function heartbeatStateText(heartbeat: HeartbeatView, moment: (at: number) => string): string {
	const {state, lastPingAt, nextExpectedAt, graceMs} = heartbeat;
	const since = lastPingAt === undefined ? '' : `no ping since ${moment(lastPingAt)}`;
	const expected = nextExpectedAt === undefined ? '' : `, the one expected by ${moment(nextExpectedAt)} has not come`;
	switch (state) {
		case 'new': {
			return 'new: no ping yet (it goes late or down only after its first ping)';
		}

		case 'up': {
			return 'up: the last ping came in time';
		}

		case 'late': {
			return `late: ${since}${expected}; down ${nextExpectedAt === undefined ? 'after' : `at ${moment(nextExpectedAt + graceMs)}, after`} its grace of ${formatDuration(graceMs)}`;
		}

		case 'down': {
			return heartbeat.lastOutcome === 'fail' ? 'down: its last ping reported a failure (a --fail or /fail ping); a ping of success brings it up' : `down: ${since}${expected} within its grace of ${formatDuration(graceMs)}`;
		}

		case 'paused': {
			return `${glyphs.paused} paused: pings are kept, nothing is told`;
		}
	}
}

/** The job view's `pings` fact: the last ping, the last start, the grace. */
export function heartbeatPingsText(heartbeat: HeartbeatView, now: number, moment: (at: number) => string): string {
	const last = heartbeat.lastPingAt === undefined ? 'no ping yet' : `last ${moment(heartbeat.lastPingAt)} ${heartbeat.lastOutcome === 'fail' ? 'fail' : 'success'} (${agoText(now - heartbeat.lastPingAt)})`;
	const start = heartbeat.lastStartAt === undefined ? '' : ` · last start ${moment(heartbeat.lastStartAt)} (${agoText(now - heartbeat.lastStartAt)})`;
	return `${last}${start} · grace ${formatDuration(heartbeat.graceMs)}`;
}

/** How its outside process pings, for the job view: a heartbeat job runs nothing here, so `r` does not apply. */
export function heartbeatPingHow(jobId: string): string {
	return `sage-console ping ${jobId} [--start | --fail] · POST /v1/heartbeats/${jobId}[/start | /fail]`;
}

/** What `r` (and `b`) say on a heartbeat job, without asking the scheduler (which refuses its runs). */
export function heartbeatRunRefusal(jobId: string): string {
	return `${jobId} is a heartbeat job: nothing runs here, its outside process pings in (sage-console ping ${jobId})`;
}
