/**
 * After an exit nobody asked for (or a start that failed): what its restart policy (restart-policy.ts)
 * decides, carried out — started again after the backoff, held until a manual start or the next window,
 * or `fatal` past the start limit — and alerted as an incident when the exit was a failure.
 */
import {ordinal} from './ordinal.js';
import type {RestartStreak} from './restart-streak.js';
import type {ServiceLife} from './service-life.js';
import {heldUntilText, type WantedWindow} from './wanted-window.js';

export class ServiceBackoff {
	constructor(
		private readonly life: ServiceLife,
		private readonly streak: RestartStreak,
		private readonly window: WantedWindow,
		/** The next start of the streak. */
		private readonly startAgain: (reason: string) => void,
	) {}

	afterFailure(now: number, failed: boolean, stderrTail: string[]): void {
		const {life} = this;
		const {def} = life;
		const runId = life.run?.id;
		if (failed) {
			life.trouble('service-exited', life.lastExit?.message ?? `${def.id} exited`, stderrTail);
		}

		const decision = this.streak.decide(def, failed, now);
		if (decision.kind === 'fatal') {
			life.note = `${decision.starts} starts within ${Math.round(decision.withinMs / 60_000)} min (start_limit): ${heldUntilText(def)}`;
			life.moveTo('fatal');
			const fatal = `${def.id} is fatal: it exited ${decision.starts} times within ${Math.round(decision.withinMs / 60_000)} min (start_limit ${def.startLimit}); not restarted until a manual start${def.window.kind === 'always' ? '' : ' or its next window'}`;
			// The log says it whether or not a notify channel is configured: the operator reads why restarts stopped.
			life.deps.say('error', fatal, runId);
			life.trouble('service-fatal', fatal, stderrTail);
			return;
		}

		if (decision.kind === 'hold') {
			life.note = `exited; restart: ${def.restart}: ${heldUntilText(def)}`;
			life.moveTo('stopped');
			life.deps.say('info', `${def.id} is not restarted (restart: ${def.restart}${def.restart === 'on-failure' ? ', it exited with code 0' : ''}): ${heldUntilText(def)}`, runId);
			return;
		}

		life.nextStartAt = now + decision.delayMs;
		life.moveTo('backoff');
		life.deps.say('info', `${def.id} restarts in ${(decision.delayMs / 1000).toFixed(decision.delayMs < 10_000 ? 1 : 0)} s (${ordinal(this.streak.quickExits)} exit in a row)`, runId);
		life.timers.set('backoff', decision.delayMs, () => {
			if (life.state !== 'backoff') {
				return;
			}

			if (this.window.wanted(life.deps.clock.now())) {
				this.startAgain(`restart after exit (backoff ${(decision.delayMs / 1000).toFixed(1)} s)`);
			} else {
				life.moveTo(life.def.enabled ? 'outside-window' : 'stopped');
			}
		});
	}

	/** A backoff under way is called off. */
	cancel(): void {
		this.life.timers.clear('backoff');
		this.life.nextStartAt = undefined;
	}
}
