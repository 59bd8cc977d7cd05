/**
 * What one supervised service is right now, shared by the parts that supervise it: its state and the
 * one way it moves (checked against service-states.ts; a hold begun or ended is told, so it outlives a
 * scheduler restart), its live process and run, its last exit and note, its timers, and how it tells
 * the operator (log lines, alerts of one open incident at a time).
 */
import type {RunRecord} from '../core/run-record.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {ServiceView} from '../protocol/snapshot.js';
import type {Clock} from '../scheduler/clock.js';
import type {ServiceAlert} from './service-alert.js';
import type {ServiceDefinition} from './service-definition.js';
import type {ServiceHold} from './service-holds.js';
import {ServiceIncident, type OpenIncident} from './service-incident.js';
import type {OutputFiles} from './service-logs.js';
import type {ServiceProcess} from './service-process.js';
import type {ServiceRuns} from './service-runs.js';
import {checkedServiceMove, type ServiceState} from './service-states.js';
import {ServiceTimers} from './service-timers.js';

export type ServiceDeps = {
	clock: Clock;
	/** The trading calendar in use (a reload of config/calendar.yaml hands the supervisor a new one). */
	calendar: () => TradingCalendar;
	runs: ServiceRuns;
	files: OutputFiles;
	/** The day restarts are counted in: the config's zone now (a reload may change it). */
	timezone: () => string;
	/** The project root, in the process's environment as SAGE_SERVICE_ROOT. */
	root: string;
	/** The history database's absolute path, in its runs' mark (executors/run-mark.ts serviceRunMark). */
	database: string;
	/** How often the output is read for a readiness pattern (real milliseconds). */
	readinessPollMs: number;
	say(level: 'info' | 'warn' | 'error', msg: string, runId?: number): void;
	changed(): void;
	alert(alert: ServiceAlert): void;
	/** The window edge timer should be set again (a manual start outside the window moved it). */
	replan(): void;
	/** A hold began (kept across a scheduler restart) or ended (undefined). */
	held(hold: ServiceHold | undefined): void;
	/**
	 * A manual start outside the window keeps it up until `until` (kept across a scheduler restart, with
	 * the window that was reckoned from), or no longer (undefined).
	 */
	extended(until: number | undefined, window: ServiceDefinition['window']): void;
	/** An incident opened or saw more trouble (kept across a scheduler restart), or closed (undefined). */
	incident(open: OpenIncident | undefined): void;
};

type TroubleKind = 'service-exited' | 'service-fatal' | 'service-not-up';

export class ServiceLife {
	state: ServiceState = 'outside-window';
	since: number;
	process: ServiceProcess | undefined;
	run: RunRecord | undefined;
	startedAt: number | undefined;
	upSince: number | undefined;
	memoryMb: number | undefined;
	/** The end of a backoff. */
	nextStartAt: number | undefined;
	lastExit: ServiceView['lastExit'];
	note: string | undefined;
	/** When it was last held (`stopped` or `fatal`): a hold lasts until the next window opens after it. */
	heldAt: number | undefined;
	/** A manual stop under way kept its hold before its process was gone (keepHoldAhead). */
	private heldAhead = false;
	readonly timers: ServiceTimers;
	readonly incident: ServiceIncident;

	constructor(public def: ServiceDefinition, readonly deps: ServiceDeps) {
		this.since = deps.clock.now();
		this.timers = new ServiceTimers(deps.clock);
		this.incident = new ServiceIncident(open => deps.incident(open));
	}

	/** Its process runs and was not asked to stop. */
	get isRunning(): boolean {
		return this.state === 'starting' || this.state === 'up';
	}

	moveTo(state: ServiceState, at = this.deps.clock.now()): void {
		if (state === this.state) {
			return;
		}

		const wasHeld = this.state === 'stopped' || this.state === 'fatal';
		this.state = checkedServiceMove(this.def.id, this.state, state);
		this.since = at;
		if (state === 'stopped' || state === 'fatal') {
			this.heldAt = at;
			this.deps.held(this.def.enabled ? {state, note: this.note, at} : undefined);
		} else if (wasHeld || this.heldAhead) {
			this.deps.held(undefined);
		}

		this.heldAhead = false;

		if (state !== 'up') {
			this.upSince = undefined;
		}

		if (state === 'outside-window' || state === 'starting') {
			this.note = state === 'starting' ? this.note : undefined;
		}

		this.deps.changed();
	}

	/**
	 * A manual stop under way (`stopping`) keeps its hold at once, not when its process is gone: a
	 * scheduler killed meanwhile leaves the next one a process to stop, not one to adopt and keep up.
	 * Any move but to a hold takes it back (a start asked before the stop ended).
	 */
	keepHoldAhead(note: string): void {
		const at = this.deps.clock.now();
		this.deps.held(this.def.enabled ? {state: 'stopped', note, at} : undefined);
		this.heldAhead = true;
	}

	/** A start asked while a manual stop is under way: the hold that stop kept ahead is taken back. */
	dropHoldAhead(): void {
		if (this.heldAhead) {
			this.deps.held(undefined);
			this.heldAhead = false;
		}
	}

	/** Trouble alerts only when it opens an incident (or is `fatal`). */
	trouble(kind: TroubleKind, message: string, stderrTail?: string[]): void {
		if (this.incident.trouble(kind, this.deps.clock.now())) {
			this.alert(kind, message, stderrTail);
		}
	}

	alert(kind: ServiceAlert['kind'], message: string, stderrTail?: string[]): void {
		this.deps.alert({serviceId: this.def.id, kind, at: this.deps.clock.now(), message, runId: this.run?.id, ...(stderrTail && stderrTail.length > 0 ? {stderrTail} : {})});
	}
}
