/**
 * One service under supervision, as the supervisor sees it: told the time has come (window edges, the
 * poll) and what the operator asked, it hands each to the part whose job it is (service-parts.ts):
 * window reconciling, operator actions, starts and readiness, stops, exits and the restart policy's
 * backoff. Everything that follows from a process exiting happens in those parts.
 */
import type {RunRecord} from '../core/run-record.js';
import type {ProcStat} from '../executors/proc-stat.js';
import type {ServiceView} from '../protocol/snapshot.js';
import {formatZonedIso} from '../time/zoned-time.js';
import {restartService, startService, stopService, type ActionResult} from './service-actions.js';
import type {ServiceDefinition} from './service-definition.js';
import type {ServiceHold} from './service-holds.js';
import type {OpenIncident} from './service-incident.js';
import type {ServiceDeps} from './service-life.js';
import {windowText} from './service-manual-extension.js';
import {serviceParts, type ServiceParts} from './service-parts.js';
import type {ServiceProcess} from './service-process.js';
import type {StopReason} from './service-runs.js';
import type {ServiceState} from './service-states.js';
import type {AfterStop} from './service-stops.js';
import {serviceView} from './service-view.js';
import {describeWindow} from './service-window.js';
import {timeBesideToday} from './time-beside-today.js';
import {TreeMemory} from './tree-memory.js';
import {reconcileWithWindow, type WindowStop} from './window-reconcile.js';

export type {ActionResult} from './service-actions.js';
export type {ServiceDeps} from './service-life.js';

export class SupervisedService {
	private readonly parts: ServiceParts;
	/** The running process's tree, for the memory poll (a new process gets a new one). */
	private memory: TreeMemory | undefined;

	constructor(def: ServiceDefinition, deps: ServiceDeps) {
		this.parts = serviceParts(def, deps);
	}

	get def(): ServiceDefinition {
		return this.parts.life.def;
	}

	get state(): ServiceState {
		return this.parts.life.state;
	}

	/** Its main process's pid while it has one. */
	get pid(): number | undefined {
		return this.parts.life.process?.pid;
	}

	/** Whether it should run at `now`: its window (or a manual start outside it) and `enabled`. */
	wanted(now: number): boolean {
		return this.parts.window.wanted(now);
	}

	/** The next instant its window opens or closes (or a manual start's extension ends). */
	nextEdge(now: number): number | undefined {
		return this.parts.window.nextEdge(now);
	}

	/** Brings the service in line with its window: started when it opens, stopped when it closes (`stop`: other than at its end). */
	reconcile(now: number, reason = 'window start', stop?: WindowStop): void {
		reconcileWithWindow(this.parts, now, reason, stop);
	}

	/** After a scheduler restart: held (stopped or fatal) earlier in this same window, it stays so. */
	restoreHold(hold: ServiceHold): void {
		this.parts.life.note = hold.note;
		this.parts.life.moveTo(hold.state, hold.at);
	}

	/**
	 * After a scheduler restart: an adopted process whose manual stop was under way when the scheduler
	 * before died (its hold was kept as the stop began) is stopped again, and held as asked.
	 */
	resumeManualStop(hold: ServiceHold): void {
		const {life, stops} = this.parts;
		if (!life.isRunning) {
			return;
		}

		stops.begin('manual', 'stopped', `manual stop asked at ${timeBesideToday(hold.at, life.deps.clock.now(), life.deps.timezone())} (before the scheduler restarted), carried on`);
		life.keepHoldAhead(hold.note ?? 'manual stop');
	}

	/**
	 * After a scheduler restart: a manual start outside the window keeps it up until `until`, as before;
	 * `windowChanged`: reckoned from a window jobs.yaml no longer says, it ends with the new one instead.
	 */
	restoreManualUntil(until: number, windowChanged = false): void {
		this.parts.window.restoreManualUntil(until);
		if (windowChanged) {
			this.followWindowChange();
		}
	}

	/**
	 * After a scheduler restart: the incident the scheduler before left open, carried on in the window
	 * open at `now` (trouble already seen in it is not news again; its recovery is told).
	 */
	restoreIncident(incident: OpenIncident, now: number): void {
		const {life, window} = this.parts;
		life.incident.restore(incident);
		const openedAt = window.openedAt(now);
		if (openedAt !== undefined) {
			life.incident.newWindow(openedAt);
		}
	}

	/** After a scheduler restart: its last exit as history tells it, while it knows none of its own. */
	restoreLastExit(exit: ServiceView['lastExit']): void {
		this.parts.life.lastExit ??= exit;
	}

	start(): ActionResult {
		return startService(this.parts);
	}

	stop(reason: StopReason = 'manual', then: AfterStop = 'stopped'): ActionResult {
		return stopService(this.parts, reason, then);
	}

	restart(): ActionResult {
		return restartService(this.parts);
	}

	/** The poll: its memory (restart over the limit), and whether an adopted process still runs. */
	sample(stats: readonly ProcStat[] | undefined): void {
		const {life, stops} = this.parts;
		const process = life.process;
		if (!process) {
			return;
		}

		process.poll();
		if (!stats || !life.isRunning) {
			return;
		}

		if (this.memory?.leader !== process.leader) {
			this.memory = new TreeMemory(process.leader);
		}

		const mb = this.memory.residentMb(stats);
		const shown = Math.round(mb);
		if (shown !== life.memoryMb) {
			life.memoryMb = shown;
			life.deps.changed();
		}

		const limit = life.def.maxMemoryMb;
		if (limit !== undefined && mb > limit) {
			life.deps.say('warn', `${life.def.id} uses ${Math.round(mb)} MiB, over its max_memory ${limit} MiB: restarting it`, life.run?.id);
			stops.begin('memory', 'start');
		}
	}

	/** A process a previous scheduler started for this service, still running: supervised from here on. */
	adopt(run: RunRecord, process: ServiceProcess, by: string): void {
		this.parts.starts.adopt(run, process, by);
	}

	/** Shutdown (or removed from jobs.yaml): stopped with its signal and timeout; settles once its process is gone. */
	async close(reason: Extract<StopReason, 'shutdown' | 'removed'> = 'shutdown'): Promise<void> {
		await this.parts.stops.close(reason);
	}

	/** An adopted process started with what jobs.yaml no longer says it runs: restarted, as a reload restarts it. */
	restartForConfig(): void {
		if (this.parts.life.isRunning) {
			this.parts.stops.begin('config', 'start');
		}
	}

	/** A new definition from a reload; a running process is restarted when what it runs changed. */
	replace(def: ServiceDefinition): void {
		const {life, stops, window} = this.parts;
		const changedProcess = JSON.stringify(def.target) !== JSON.stringify(life.def.target);
		const enabledNow = def.enabled && !life.def.enabled;
		if (!def.enabled && life.def.enabled) {
			// Disabled: as a manual stop, it ends a manual start's extension (enabled again, it is up in its window only).
			window.manualUntil = undefined;
		}

		const changedWindow = windowText(def.window) !== windowText(life.def.window);
		life.def = def;
		if (changedWindow && def.enabled) {
			this.followWindowChange();
		}

		if (enabledNow && life.state === 'stopped') {
			// Enabled again: no longer held; the reconcile that follows starts it in its window.
			life.moveTo('outside-window');
		}

		if (enabledNow && stops.current?.reason === 'disabled') {
			// Enabled again while its stop for being disabled is under way: once stopped, its window decides (it
			// ended `stopped (disabled)`, held while enabled, and stayed down).
			stops.redirect('outside-window');
		}

		if (changedProcess && life.isRunning) {
			stops.begin('config', 'start');
		}
	}

	/** A manual start's extension outside the old window ends with the new one; said in the log, as status and the console show it. */
	private followWindowChange(): void {
		const {life, window} = this.parts;
		const was = window.manualUntil;
		window.windowChanged(life.deps.clock.now());
		const until = window.manualUntil;
		if (was === undefined || until === was) {
			return;
		}

		const zone = life.deps.timezone();
		const text = (at: number) => (Number.isFinite(at) ? formatZonedIso(at, zone).slice(0, 16).replace('T', ' ') : 'a stop');
		const now = until === undefined ? 'it is inside its window for good' : `started by hand outside its window, it stays up until ${text(until)}`;
		life.deps.say('info', `${life.def.id}: its window changed to ${describeWindow(life.def.window, zone)}; ${now} (was until ${text(was)})`, life.run?.id);
	}

	view(now: number): ServiceView {
		const {life, streak, window} = this.parts;
		const process = life.process;
		return serviceView({
			def: life.def,
			state: life.state,
			since: life.since,
			live: process && {pid: process.pid, runId: life.run?.id, startedAt: life.startedAt, adopted: process.adopted, memoryMb: life.memoryMb},
			upSince: life.upSince,
			restartsToday: streak.today(now),
			restartsSinceStart: streak.sinceStart,
			restartAt: life.nextStartAt,
			manualUntil: window.manualUntil,
			lastExit: life.lastExit,
			note: life.note,
		}, now, life.deps.calendar(), life.deps.timezone());
	}

	/** Restarts counted so far today (seeded from history after a scheduler restart). */
	seedRestarts(day: string, count: number): void {
		this.parts.streak.seed(day, count);
	}
}
