/**
 * What happens after a service's process exits on its own: restarted after a delay that doubles with
 * each quick exit in a row up to a cap (systemd's RestartSec/RestartMaxDelaySec, pm2's
 * exp_backoff_restart_delay), held, or — more than `start_limit` starts within `start_limit_interval`
 * (systemd's StartLimitBurst/StartLimitIntervalSec) — `fatal`, so a crash loop never spins.
 */
import type {ServiceDefinition} from './service-definition.js';

export type AfterExit =
	| {kind: 'restart'; delayMs: number}
	| {kind: 'hold'}
	| {kind: 'fatal'; starts: number; withinMs: number};

type Policy = Pick<ServiceDefinition, 'restart' | 'restartDelayMs' | 'restartDelayMaxMs' | 'startLimit' | 'startLimitIntervalMs'>;

/** The delay before the restart after `quickExits` quick exits in a row (1 for the first). */
export function restartDelay(policy: Pick<Policy, 'restartDelayMs' | 'restartDelayMaxMs'>, quickExits: number): number {
	const doublings = Math.min(Math.max(quickExits - 1, 0), 30);
	return Math.min(policy.restartDelayMs * (2 ** doublings), policy.restartDelayMaxMs);
}

/**
 * @param failed the exit was a failure (a code other than 0, a signal, not ready in time)
 * @param quickExits quick exits in a row, this one included
 * @param startsInInterval starts within the start limit's interval, the one that just ended included
 */
export function afterExit(policy: Policy, failed: boolean, quickExits: number, startsInInterval: number): AfterExit {
	const restart = policy.restart === 'always' || (policy.restart === 'on-failure' && failed);
	if (!restart) {
		return {kind: 'hold'};
	}

	if (startsInInterval >= policy.startLimit) {
		return {kind: 'fatal', starts: startsInInterval, withinMs: policy.startLimitIntervalMs};
	}

	return {kind: 'restart', delayMs: restartDelay(policy, quickExits)};
}

/** When a service started lately, for the start limit. */
export class StartTimes {
	private times: number[] = [];

	add(at: number): void {
		this.times.push(at);
	}

	/** Starts at or after `since`; older ones are forgotten. */
	countSince(since: number): number {
		this.times = this.times.filter(at => at >= since);
		return this.times.length;
	}

	clear(): void {
		this.times = [];
	}
}
