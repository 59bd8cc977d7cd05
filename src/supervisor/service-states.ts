/**
 * A service's states and the only moves between them, one table as core/run-states.ts is for runs.
 * Every state change of a supervised service goes through `checkedServiceMove`, so an illegal move is
 * a bug that fails loudly in tests rather than a service shown `up` with no process.
 */
export const serviceStates = ['stopped', 'starting', 'up', 'backoff', 'stopping', 'fatal', 'outside-window'] as const;
export type ServiceState = (typeof serviceStates)[number];

/**
 * - `outside-window`: not running, and not meant to be until its window opens.
 * - `stopped`: not running inside its window, held so until a manual start or the next window
 *   (a manual stop, an exit that policy does not restart).
 * - `starting`: its process runs, not ready yet. `up`: ready.
 * - `backoff`: it exited; it starts again when the delay is over.
 * - `stopping`: asked to stop (stop signal, then SIGKILL of its tree after the stop timeout).
 * - `fatal`: it exited too often (the start limit); held like `stopped`, and alerted.
 */
const moves: Record<ServiceState, readonly ServiceState[]> = {
	// Held again (stopped, fatal) after a scheduler restart, as it was before in the same window.
	'outside-window': ['starting', 'stopped', 'fatal'],
	stopped: ['starting', 'outside-window'],
	starting: ['up', 'backoff', 'stopping', 'stopped', 'fatal'],
	up: ['stopping', 'backoff', 'stopped', 'fatal'],
	backoff: ['starting', 'stopped', 'outside-window'],
	// After a stop: held, out of its window, started again (a restart), or a quick exit seen while stopping for a restart.
	stopping: ['stopped', 'outside-window', 'starting', 'backoff', 'fatal'],
	fatal: ['starting', 'stopped', 'outside-window'],
};

export class IllegalServiceTransition extends Error {
	override name = 'IllegalServiceTransition';

	constructor(readonly serviceId: string, readonly from: ServiceState, readonly to: ServiceState) {
		super(`service ${serviceId}: no move from ${from} to ${to} (allowed: ${moves[from].join(', ')})`);
	}
}

export function canMoveService(from: ServiceState, to: ServiceState): boolean {
	return moves[from].includes(to);
}

/** @throws IllegalServiceTransition when `from → to` is not a legal move */
export function checkedServiceMove(serviceId: string, from: ServiceState, to: ServiceState): ServiceState {
	if (!canMoveService(from, to)) {
		throw new IllegalServiceTransition(serviceId, from, to);
	}

	return to;
}

/** States in which the service has a process of its own. */
export function hasProcess(state: ServiceState): boolean {
	return state === 'starting' || state === 'up' || state === 'stopping';
}

/** As the console and `status` write it. */
export function stateText(state: ServiceState): string {
	return state === 'outside-window' ? 'outside window' : state;
}
