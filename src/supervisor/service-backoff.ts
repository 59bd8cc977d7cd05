/**
 * After an exit nobody asked for (or a start that failed): what its restart policy (restart-policy.ts)
 * decides, carried out — started again after the backoff, held until a manual start or the next window,
 * or `fatal` past the start limit — and alerted as an incident when the exit was a failure.
 */
import {formatDuration} from '../config/quantities.js';
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
			this.fatal(decision, stderrTail);
			return;
		}

		if (decision.kind === 'hold') {
			life.note = `exited; restart: ${def.restart}: ${heldUntilText(def)}`;
			life.moveTo('stopped');
			life.deps.say('info', `${def.id} is not restarted (restart: ${def.restart}${def.restart === 'on-failure' ? ', it exited with code 0' : ''}): ${heldUntilText(def)}`, runId);
			if (!failed && this.window.inside(now)) {
				// A clean exit inside its window is an incident too (product: only the stop at its end is
				// planned): not restarted, it stays down for the rest of the window, and nobody would know.
				life.trouble('service-exited', `${life.lastExit?.message ?? `${def.id} exited with code 0`} inside its window; not restarted (restart: ${def.restart}): ${heldUntilText(def)}`, stderrTail);
			}

			return;
		}

		this.backoff(now, decision.delayMs, 'restart after exit');
	}

	/**
	 * Stopped over its max_memory: started again whatever its restart policy, at once after a long run (a
	 * slow leak); but over it as soon as it started (a quick stop, as a quick exit) it waits out the
	 * backoff, and past the start limit it is `fatal`, as a crash loop is, instead of restarting every second.
	 */
	afterMemoryStop(now: number, quick: boolean, stderrTail: string[]): void {
		const decision = this.streak.decide({...this.life.def, restart: 'always'}, true, now);
		if (decision.kind === 'fatal') {
			this.fatal(decision, stderrTail, `went over its max_memory ${this.life.def.maxMemoryMb} MiB`);
		} else if (quick && decision.kind === 'restart') {
			this.backoff(now, decision.delayMs, 'restart over max_memory');
		} else {
			this.startAgain('restart over max_memory');
		}
	}

	/** @param ended how its starts ended: 'exited', or over max_memory (stopped, not an exit of its own) */
	private fatal(decision: {starts: number; withinMs: number}, stderrTail: string[], ended = 'exited'): void {
		const {life} = this;
		const {def} = life;
		const within = intervalText(decision.withinMs);
		life.note = `${decision.starts} start${decision.starts === 1 ? '' : 's'} within ${within} (start_limit): ${heldUntilText(def)}`;
		life.moveTo('fatal');
		const fatal = `${def.id} is fatal: it ${ended} ${decision.starts} time${decision.starts === 1 ? '' : 's'} within ${within} (start_limit ${def.startLimit}); not restarted until a manual start${def.window.kind === 'always' ? '' : ' or its next window'}`;
		// The log says it whether or not a notify channel is configured: the operator reads why restarts stopped.
		life.deps.say('error', fatal, life.run?.id);
		life.trouble('service-fatal', fatal, stderrTail);
	}

	/** Started again (`why`) after `delayMs`, if it is still wanted then. */
	private backoff(now: number, delayMs: number, why: string): void {
		const {life} = this;
		life.nextStartAt = now + delayMs;
		life.moveTo('backoff');
		life.deps.say('info', `${life.def.id} restarts in ${(delayMs / 1000).toFixed(delayMs < 10_000 ? 1 : 0)} s (${ordinal(this.streak.quickExits)} ${why === 'restart after exit' ? 'exit' : 'quick stop over max_memory'} in a row)`, life.run?.id);
		life.timers.set('backoff', delayMs, () => {
			if (life.state !== 'backoff') {
				return;
			}

			if (this.window.wanted(life.deps.clock.now())) {
				this.startAgain(`${why} (backoff ${(delayMs / 1000).toFixed(1)} s)`);
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

/** The start limit's interval as said: `10 min`, or `30s`, `1m30s` when it is no whole number of minutes (it read `0 min`). */
function intervalText(ms: number): string {
	return ms % 60_000 === 0 ? `${ms / 60_000} min` : formatDuration(ms);
}
