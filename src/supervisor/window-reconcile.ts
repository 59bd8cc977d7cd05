/**
 * A service brought in line with its window, at each edge the supervisor's timer sees: started when it
 * opens (or when a hold from an earlier window is over, watched until it is up), stopped when it closes
 * or the service is disabled; a hold lasts until the window closes.
 */
import {formatZonedIso} from '../time/zoned-time.js';
import type {ServiceParts} from './service-part-set.js';
import type {StopReason} from './service-runs.js';
import type {AfterStop} from './service-stops.js';

/** The note of a service disabled once it ran, as its stop for being disabled leaves it (service-exits.ts). */
const disabledNote = 'stopped (disabled)';

/** Why a stop happens, when not at a window's end: a reload of the calendar closed its day. */
export type WindowStop = {reason: StopReason; why?: string};

/** "manual start outside its window, up until 2026-11-21 15:00" */
function manualStartKeptText(manualUntil: number | undefined, timezone: string): string {
	const until = manualUntil !== undefined && Number.isFinite(manualUntil) ? formatZonedIso(manualUntil, timezone).slice(0, 16).replace('T', ' ') : 'a stop';
	return `manual start outside its window, up until ${until}`;
}

/** `reason`: why a start happens ("window start"); `stop`: why a stop does. */
export function reconcileWithWindow({life, window, stops, starts, readiness, backoff}: ServiceParts, now: number, reason: string, stop: WindowStop = {reason: 'window-end'}): void {
	window.expire(now);
	if (window.wanted(now)) {
		if (life.state === 'outside-window' || window.holdEnded(life.state, life.heldAt, now)) {
			const openedAt = window.openedAt(now);
			const inside = openedAt !== undefined;
			if (inside) {
				life.incident.newWindow(openedAt);
			}

			// Outside its window, only a manual start's extension (kept across a scheduler restart) wants it: not a window start.
			starts.startFresh(inside ? reason : manualStartKeptText(window.manualUntil, life.deps.timezone()));
			readiness.watchUpGrace(now);
		}

		return;
	}

	const then: AfterStop = life.def.enabled ? 'outside-window' : 'stopped';
	switch (life.state) {
		case 'outside-window': {
			// Disabled (from the start, or by a reload while it was not running): `stopped`, as one that ran is.
			if (!life.def.enabled) {
				life.moveTo('stopped');
			}

			break;
		}

		case 'starting':
		case 'up': {
			if (life.def.enabled) {
				stops.begin(stop.reason, then, stop.why);
			} else {
				stops.begin('disabled', then);
			}

			break;
		}

		case 'stopping': {
			stops.redirect(then);
			break;
		}

		case 'backoff': {
			backoff.cancel();
			life.moveTo(then);
			break;
		}

		case 'stopped':
		case 'fatal': {
			// A hold lasts until the window closes; out of it, the next window starts it again.
			if (life.def.enabled) {
				life.moveTo('outside-window');
			} else if (life.state === 'fatal' || (life.note !== undefined && life.note !== disabledNote)) {
				// Disabled while held: `stopped` as every disabled service, its hold over (its note said 'held until a
				// manual start', which is refused while it is disabled); enabled again, its window starts it.
				life.note = disabledNote;
				if (life.state === 'fatal') {
					life.moveTo('stopped');
				} else {
					life.deps.changed();
				}
			}

			break;
		}

		default:
	}
}
