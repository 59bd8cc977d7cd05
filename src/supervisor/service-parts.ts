/**
 * The parts that supervise one service, made and wired together around its shared present
 * (service-life.ts): an exit goes to the exit handling, a failure to the backoff, and both start the
 * process again through the starts.
 */
import {RestartStreak} from './restart-streak.js';
import {startService} from './service-actions.js';
import {ServiceBackoff} from './service-backoff.js';
import type {ServiceDefinition} from './service-definition.js';
import {ServiceExits} from './service-exits.js';
import {ServiceLife, type ServiceDeps} from './service-life.js';
import {ServiceReadiness} from './service-readiness.js';
import {ServiceStarts} from './service-starts.js';
import {ServiceStops} from './service-stops.js';
import {WantedWindow} from './wanted-window.js';
import {reconcileWithWindow} from './window-reconcile.js';
import type {ServiceParts} from './service-part-set.js';

export type {ServiceParts} from './service-part-set.js';

export function serviceParts(def: ServiceDefinition, deps: ServiceDeps): ServiceParts {
	const life = new ServiceLife(def, deps);
	const window = new WantedWindow(() => life.def, deps.calendar, until => deps.extended(until, life.def.window));
	const streak = new RestartStreak(deps.timezone);
	const stops = new ServiceStops(life);
	const readiness = new ServiceReadiness(life, streak, window, () => stops.begin('not-ready', 'exit'));
	const startAgain = (reason: string) => starts.start(reason);
	const backoff = new ServiceBackoff(life, streak, window, startAgain);
	const exits = new ServiceExits(life, streak, stops, window, {
		startAgain,
		// The start the operator asked for while it was stopping, now that it has stopped: as if asked now.
		startByHand: () => startService(parts),
		followWindow: reason => {
			reconcileWithWindow(parts, deps.clock.now(), reason);
			deps.replan();
		},
		afterFailure: (now, failed, stderrTail) => backoff.afterFailure(now, failed, stderrTail),
		afterMemoryStop: (now, quick, stderrTail) => backoff.afterMemoryStop(now, quick, stderrTail),
	});
	const starts: ServiceStarts = new ServiceStarts(life, streak, readiness, {
		exited: (process, exit) => exits.exited(process, exit),
		failed: (now, stderrTail) => backoff.afterFailure(now, true, stderrTail),
	});
	const parts: ServiceParts = {life, window, streak, stops, readiness, starts, backoff, exits};
	return parts;
}
