/**
 * What the operator asks of one service — start, stop, restart — from the console, the CLI or the
 * HTTP API alike, with the one line that answers: what it did, or why not.
 */
import {formatZonedIso} from '../time/zoned-time.js';
import type {ServiceParts} from './service-part-set.js';
import type {StopReason} from './service-runs.js';
import {stateText} from './service-states.js';
import type {AfterStop} from './service-stops.js';
import {heldUntilText} from './wanted-window.js';

export type ActionResult = {ok: boolean; message: string};

/** "…; outside its window, it stays up until 2026-11-20 15:00 or a stop" (empty inside its window). */
function manualUntilText(manualUntil: number | undefined, timezone: string): string {
	if (manualUntil === undefined) {
		return '';
	}

	const finite = Number.isFinite(manualUntil);
	return `; outside its window, it stays up until ${finite ? formatZonedIso(manualUntil, timezone).slice(0, 16).replace('T', ' ') : 'a stop'}${finite ? ' or a stop' : ''}`;
}

export function startService({life, window, streak, stops, starts}: ServiceParts): ActionResult {
	const {def, deps} = life;
	if (!def.enabled) {
		return {ok: false, message: `${def.id} is disabled in jobs.yaml (enabled: false)`};
	}

	if (life.isRunning) {
		return {ok: false, message: `${def.id} is already ${life.state} (pid ${life.process?.pid})`};
	}

	if (life.state === 'stopping' && stops.current) {
		// Started once stopped as a manual start (service-exits.ts), not as a restart of the stop's streak.
		stops.current.then = 'manual-start';
		life.dropHoldAhead();
		return {ok: true, message: `${def.id} is stopping; it starts again once stopped${manualUntilText(window.untilIfStartedByHand(deps.clock.now()), deps.timezone())}`};
	}

	life.timers.clear('backoff');
	if (window.startedByHand(deps.clock.now())) {
		deps.replan();
	}

	streak.startedByHand();
	starts.startFresh('manual start');
	return {ok: true, message: `${def.id} starting (pid ${life.process?.pid ?? '—'})${manualUntilText(window.manualUntil, deps.timezone())}`};
}

/** A manual stop's hold is kept as the stop begins: it outlives a scheduler killed before the process is gone. */
function keepManualHold(life: ServiceParts['life'], reason: StopReason, then: AfterStop): void {
	if (reason === 'manual' && then === 'stopped') {
		life.keepHoldAhead(`manual stop: ${heldUntilText(life.def)}`);
	}
}

/** How its process is stopped, as a stop or restart answers: '(SIGTERM, then SIGKILL after 10 s)', or '(SIGKILL)' when that is its stop signal. */
function stopTermsText(def: {stopSignal: string; stopTimeoutMs: number}): string {
	if (def.stopSignal === 'SIGKILL') {
		return 'SIGKILL';
	}

	return `${def.stopSignal}, then SIGKILL after ${Math.round(def.stopTimeoutMs / 1000)} s`;
}

export function stopService({life, window, stops, backoff}: ServiceParts, reason: StopReason = 'manual', then: AfterStop = 'stopped'): ActionResult {
	const {def} = life;
	if (reason === 'manual') {
		window.manualUntil = undefined;
	}

	switch (life.state) {
		case 'starting':
		case 'up': {
			stops.begin(reason, then);
			keepManualHold(life, reason, then);
			return {ok: true, message: `${def.id} stopping (${stopTermsText(def)})`};
		}

		case 'stopping': {
			stops.redirect(then);
			keepManualHold(life, reason, then);
			return {ok: true, message: `${def.id} is already stopping`};
		}

		case 'backoff':
		case 'fatal': {
			const was = stateText(life.state);
			backoff.cancel();
			life.note = reason === 'manual' ? `manual stop: ${heldUntilText(def)}` : life.note;
			life.moveTo('stopped');
			return {ok: true, message: `${def.id} stopped (it was ${was})`};
		}

		default: {
			return {ok: false, message: `${def.id} is not running (${stateText(life.state)})`};
		}
	}
}

export function restartService(parts: ServiceParts): ActionResult {
	if (parts.life.isRunning) {
		parts.stops.begin('restart', 'start');
		return {ok: true, message: `${parts.life.def.id} restarting (${stopTermsText(parts.life.def)})`};
	}

	return startService(parts);
}
