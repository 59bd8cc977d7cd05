/**
 * One service under supervision: its state (checked against service-states.ts), its live process and
 * run, readiness, restarts with backoff and the start limit, stops, and its alerts. The supervisor
 * tells it the time has come (window edges, the poll) and what the operator asked; everything that
 * follows from a process exiting happens here.
 */
import type {RunRecord} from '../core/run-record.js';
import type {ProcStat} from '../executors/proc-stat.js';
import {describeTree} from '../executors/process-tree.js';
import {tradeDateOf} from '../market/market-session.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {ServiceView} from '../protocol/snapshot.js';
import type {Clock} from '../scheduler/clock.js';
import {afterExit, StartTimes} from './restart-policy.js';
import {ServiceIncident, type ServiceAlert} from './service-alert.js';
import type {ServiceDefinition} from './service-definition.js';
import type {ServiceHold} from './service-holds.js';
import {formatZonedIso} from '../time/zoned-time.js';
import {tailLines, type OutputFiles} from './service-logs.js';
import {ServiceProcess, type ServiceExit} from './service-process.js';
import type {ServiceRuns, StopReason} from './service-runs.js';
import {checkedServiceMove, stateText, type ServiceState} from './service-states.js';
import {windowAt} from './service-window.js';
import {serviceView} from './service-view.js';
import {DailyRestarts} from './daily-restarts.js';
import {askedExit, unexpectedExit, type ExitOutcome} from './exit-outcome.js';
import {ServiceTimers} from './service-timers.js';
import {treeResidentMb} from './tree-memory.js';

export type ServiceDeps = {
	clock: Clock;
	calendar: TradingCalendar;
	runs: ServiceRuns;
	files: OutputFiles;
	/** The day restarts are counted in (the config's zone). */
	timezone: string;
	/** The project root, in the process's environment as SAGE_SERVICE_ROOT. */
	root: string;
	/** How often the output is read for a readiness pattern (real milliseconds). */
	readinessPollMs: number;
	say(level: 'info' | 'warn' | 'error', msg: string, runId?: number): void;
	changed(): void;
	alert(alert: ServiceAlert): void;
	/** The window edge timer should be set again (a manual start outside the window moved it). */
	replan(): void;
	/** A hold began (kept across a scheduler restart) or ended (undefined). */
	held(hold: ServiceHold | undefined): void;
};

/** After a stop, the service is held (`stopped`), out of its window, or started again. */
type AfterStop = 'stopped' | 'outside-window' | 'start' | 'exit';

export type ActionResult = {ok: boolean; message: string};

const stderrTailLines = 20;

/** Why a restart the supervisor carried out happened, as its run's message says. */
const restartReason: Partial<Record<StopReason, string>> = {memory: 'restart over max_memory', restart: 'operator restart', config: 'restart after a config change'};

export class SupervisedService {
	state: ServiceState = 'outside-window';
	private since: number;
	private process: ServiceProcess | undefined;
	private run: RunRecord | undefined;
	private startedAt: number | undefined;
	private upSince: number | undefined;
	private attempt = 0;
	private quickExits = 0;
	private readonly starts = new StartTimes();
	private readonly incident = new ServiceIncident();
	private readonly timers: ServiceTimers;
	private stopping: {reason: StopReason; then: AfterStop; killed: number; done: Promise<void>; waiters: Array<() => void>} | undefined;
	/** A manual start outside the window keeps it up until then. */
	private manualUntil: number | undefined;
	/** When it was last held (`stopped` or `fatal`): a hold lasts until the next window opens after it. */
	private heldAt: number | undefined;
	private nextStartAt: number | undefined;
	private memoryMb: number | undefined;
	private lastExit: ServiceView['lastExit'];
	private note: string | undefined;
	private readonly restarts: DailyRestarts;

	constructor(public def: ServiceDefinition, private readonly deps: ServiceDeps) {
		this.since = deps.clock.now();
		this.timers = new ServiceTimers(deps.clock);
		this.restarts = new DailyRestarts(deps.timezone);
	}

	// ── what the supervisor asks ──────────────────────────────────────────────

	/** Whether it should run at `now`: its window (or a manual start outside it) and `enabled`. */
	wanted(now: number): boolean {
		if (!this.def.enabled) {
			return false;
		}

		return windowAt(this.def.window, now, this.deps.calendar).inside || (this.manualUntil !== undefined && now < this.manualUntil);
	}

	/** The next instant its window opens or closes (or a manual start's extension ends). */
	nextEdge(now: number): number | undefined {
		const window = windowAt(this.def.window, now, this.deps.calendar);
		const edge = window.inside ? window.closesAt : window.opensAt;
		const manual = this.manualUntil !== undefined && this.manualUntil > now ? this.manualUntil : undefined;
		return [edge, manual].filter((at): at is number => at !== undefined && Number.isFinite(at)).sort((a, b) => a - b)[0];
	}

	/** Brings the service in line with its window: started when it opens, stopped when it closes. */
	reconcile(now: number, reason = 'window start'): void {
		if (this.manualUntil !== undefined && now >= this.manualUntil) {
			this.manualUntil = undefined;
		}

		if (this.wanted(now)) {
			if (this.state === 'outside-window' || this.holdEnded(now)) {
				this.startFresh(reason);
				this.watchUpGrace(now);
			}

			return;
		}

		const then: AfterStop = this.def.enabled ? 'outside-window' : 'stopped';
		switch (this.state) {
			case 'starting':
			case 'up': {
				this.stop(this.def.enabled ? 'window-end' : 'disabled', then);
				break;
			}

			case 'stopping': {
				if (this.stopping && this.stopping.then !== 'exit') {
					this.stopping.then = then;
				}

				break;
			}

			case 'backoff': {
				this.timers.clear('backoff');
				this.nextStartAt = undefined;
				this.moveTo(then);
				break;
			}

			case 'stopped':
			case 'fatal': {
				// A hold lasts until the window closes; out of it, the next window starts it again.
				if (this.def.enabled) {
					this.moveTo('outside-window');
				}

				break;
			}

			default:
		}
	}

	/** After a scheduler restart: held (stopped or fatal) earlier in this same window, it stays so. */
	restoreHold(hold: ServiceHold): void {
		this.note = hold.note;
		this.moveTo(hold.state, hold.at);
	}

	start(): ActionResult {
		if (!this.def.enabled) {
			return {ok: false, message: `${this.def.id} is disabled in jobs.yaml (enabled: false)`};
		}

		if (this.state === 'starting' || this.state === 'up') {
			return {ok: false, message: `${this.def.id} is already ${this.state} (pid ${this.process?.pid})`};
		}

		if (this.state === 'stopping' && this.stopping) {
			this.stopping.then = 'start';
			return {ok: true, message: `${this.def.id} is stopping; it starts again once stopped`};
		}

		this.timers.clear('backoff');
		const now = this.deps.clock.now();
		if (!windowAt(this.def.window, now, this.deps.calendar).inside) {
			this.manualUntil = this.endOfNextWindow(now);
			this.deps.replan();
		}

		this.starts.clear();
		this.quickExits = 0;
		this.startFresh('manual start');
		return {ok: true, message: `${this.def.id} starting (pid ${this.process?.pid ?? '—'})${this.manualUntil === undefined ? '' : `; outside its window, it stays up until ${Number.isFinite(this.manualUntil) ? formatZonedIso(this.manualUntil, this.deps.timezone).slice(0, 16).replace('T', ' ') : 'a stop'}${Number.isFinite(this.manualUntil) ? ' or a stop' : ''}`}`};
	}

	stop(reason: StopReason = 'manual', then: AfterStop = 'stopped'): ActionResult {
		if (reason === 'manual') {
			this.manualUntil = undefined;
		}

		switch (this.state) {
			case 'starting':
			case 'up': {
				this.beginStop(reason, then);
				return {ok: true, message: `${this.def.id} stopping (${this.def.stopSignal}, then SIGKILL after ${Math.round(this.def.stopTimeoutMs / 1000)} s)`};
			}

			case 'stopping': {
				if (this.stopping && this.stopping.then !== 'exit') {
					this.stopping.then = then;
				}

				return {ok: true, message: `${this.def.id} is already stopping`};
			}

			case 'backoff':
			case 'fatal': {
				const was = stateText(this.state);
				this.timers.clear('backoff');
				this.nextStartAt = undefined;
				this.note = reason === 'manual' ? this.holdText() : this.note;
				this.moveTo('stopped');
				return {ok: true, message: `${this.def.id} stopped (it was ${was})`};
			}

			default: {
				return {ok: false, message: `${this.def.id} is not running (${stateText(this.state)})`};
			}
		}
	}

	restart(): ActionResult {
		if (this.state === 'starting' || this.state === 'up') {
			this.beginStop('restart', 'start');
			return {ok: true, message: `${this.def.id} restarting`};
		}

		return this.start();
	}

	/** The poll: its memory (restart over the limit), and whether an adopted process still runs. */
	sample(stats: readonly ProcStat[] | undefined): void {
		const process = this.process;
		if (!process) {
			return;
		}

		process.poll();
		if (!stats || (this.state !== 'starting' && this.state !== 'up')) {
			return;
		}

		const mb = treeResidentMb(process.leader, stats);
		const shown = Math.round(mb);
		if (shown !== this.memoryMb) {
			this.memoryMb = shown;
			this.deps.changed();
		}

		const limit = this.def.maxMemoryMb;
		if (limit !== undefined && mb > limit) {
			this.deps.say('warn', `${this.def.id} uses ${Math.round(mb)} MiB, over its max_memory ${limit} MiB: restarting it`, this.run?.id);
			this.beginStop('memory', 'start');
		}
	}

	/** A process a previous scheduler started for this service, still running: supervised from here on. */
	adopt(run: RunRecord, process: ServiceProcess, by: string): void {
		this.process = process;
		this.run = run;
		this.startedAt = run.startedAt ?? this.deps.clock.now();
		this.attempt = run.attempt;
		this.deps.runs.note(run, `adopted by ${by}`);
		this.moveTo('starting');
		this.becameUp();
		this.follow(process);
		this.deps.say('info', `${this.def.id}: adopted its running process (pid ${process.pid}, run ${run.id}) from the previous scheduler`, run.id);
	}

	/** Shutdown (or removed from jobs.yaml): stopped with its signal and timeout; settles once its process is gone. */
	async close(reason: Extract<StopReason, 'shutdown' | 'removed'> = 'shutdown'): Promise<void> {
		this.timers.clearAll();
		if (this.state === 'starting' || this.state === 'up') {
			this.beginStop(reason, 'outside-window');
		}

		if (this.stopping) {
			this.stopping.then = 'outside-window';
			// A process that survives SIGKILL (stuck in the kernel) must not hold the shutdown for ever.
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([
				new Promise<void>(resolve => {
					this.stopping?.waiters.push(resolve);
				}),
				new Promise<void>(resolve => {
					timer = setTimeout(resolve, this.def.stopTimeoutMs + 5000);
				}),
			]);
			clearTimeout(timer);
		}

		this.timers.clearAll();
	}

	/** A new definition from a reload; a running process is restarted when what it runs changed. */
	replace(def: ServiceDefinition): void {
		const changedProcess = JSON.stringify(def.target) !== JSON.stringify(this.def.target);
		const enabledNow = def.enabled && !this.def.enabled;
		this.def = def;
		if (enabledNow && this.state === 'stopped') {
			// Enabled again: no longer held; the reconcile that follows starts it in its window.
			this.moveTo('outside-window');
		}
		if (changedProcess && (this.state === 'starting' || this.state === 'up')) {
			this.beginStop('config', 'start');
		}
	}

	view(now: number): ServiceView {
		const process = this.process;
		return serviceView({
			def: this.def,
			state: this.state,
			since: this.since,
			live: process && {pid: process.pid, runId: this.run?.id, startedAt: this.startedAt, adopted: process.adopted, memoryMb: this.memoryMb},
			upSince: this.upSince,
			restartsToday: this.restarts.today(now),
			restartAt: this.nextStartAt,
			manualUntil: this.manualUntil,
			lastExit: this.lastExit,
			note: this.note,
		}, now, this.deps.calendar);
	}

	/** Restarts counted so far today (seeded from history after a scheduler restart). */
	seedRestarts(day: string, count: number): void {
		this.restarts.seed(day, count);
	}

	// ── inside ────────────────────────────────────────────────────────────────

	private startFresh(reason: string): void {
		this.attempt = 0;
		this.quickExits = 0;
		this.note = undefined;
		this.startProcess(reason);
	}

	private startProcess(reason: string): void {
		const now = this.deps.clock.now();
		this.attempt++;
		this.nextStartAt = undefined;
		this.starts.add(now);
		if (this.attempt > 1) {
			this.restarts.add(now);
		}

		const run = this.deps.runs.begin(this.def.id, this.attempt, now, reason, tradeDateOf(now, this.deps.calendar));
		this.run = run;
		const started = ServiceProcess.start(this.def.target, this.deps.files, {SAGE_SERVICE_ID: this.def.id, SAGE_SERVICE_ROOT: this.deps.root, SAGE_RUN_ID: String(run.id)});
		this.moveTo('starting');
		if (!(started instanceof ServiceProcess)) {
			this.deps.runs.failedToStart(run, now, started);
			this.lastExit = {at: now, runId: run.id, status: 'failed', message: `${started.type}: ${started.message}`};
			this.deps.say('error', `${this.def.id} could not start: ${started.message}`, run.id);
			this.afterFailure(now, true, [started.message]);
			return;
		}

		this.process = started;
		this.startedAt = now;
		this.memoryMb = undefined;
		this.deps.runs.running(run, now, this.deps.files.out, started.leader);
		this.deps.say('info', `▶ ${this.def.id} started (pid ${started.pid}, run ${run.id}, ${reason}${this.attempt > 1 ? `, start ${this.attempt} in a row` : ''})`, run.id);
		this.follow(started);
		this.awaitReadiness(started);
	}

	private follow(process: ServiceProcess): void {
		void process.exited.then(exit => this.exited(process, exit));
	}

	private awaitReadiness(process: ServiceProcess): void {
		const {readiness} = this.def;
		if (readiness.kind === 'immediate') {
			this.becameUp();
			return;
		}

		if (readiness.kind === 'after') {
			this.timers.set('ready', readiness.afterMs, () => this.becameUp());
			return;
		}

		this.timers.watchOutput(this.deps.files.out, process.outOffset, readiness.pattern, this.deps.readinessPollMs, line => {
			this.deps.say('info', `${this.def.id} is ready: "${line.slice(0, 200)}" matched ready_pattern`, this.run?.id);
			this.becameUp();
		});
		this.timers.set('ready-timeout', readiness.timeoutMs, () => {
			this.deps.say('warn', `${this.def.id} wrote no line matching ready_pattern within ${Math.round(readiness.timeoutMs / 1000)} s: stopping it`, this.run?.id);
			this.beginStop('not-ready', 'exit');
		});
	}

	private becameUp(): void {
		if (this.state !== 'starting') {
			return;
		}

		this.timers.clear('ready', 'ready-timeout', 'output');
		const now = this.deps.clock.now();
		this.upSince = now;
		this.moveTo('up');
		this.timers.set('stable', this.def.minUptimeMs, () => this.stable());
	}

	/** Up for min_uptime: the restart delay starts over, and an open incident has recovered. */
	private stable(): void {
		this.quickExits = 0;
		if (this.incident.recovered()) {
			this.alert('service-recovered', `${this.def.id} is up again (pid ${this.process?.pid}, up ${Math.round(this.def.minUptimeMs / 1000)} s)`);
		}
	}

	private watchUpGrace(openedAt: number): void {
		this.timers.set('up-grace', this.def.upGraceMs, () => {
			if (this.state !== 'up' && this.state !== 'stopped' && this.wanted(this.deps.clock.now())) {
				const when = new Date(openedAt).toISOString();
				this.trouble('service-not-up', `${this.def.id} is not up ${Math.round(this.def.upGraceMs / 1000)} s after its window opened (${when}); it is ${stateText(this.state)}`);
			}
		});
	}

	private beginStop(reason: StopReason, then: AfterStop): void {
		const process = this.process;
		if (!process) {
			return;
		}

		this.timers.clear('ready', 'ready-timeout', 'output', 'stable');
		const stopping: NonNullable<SupervisedService['stopping']> = {reason, then, killed: 0, done: Promise.resolve(), waiters: []};
		this.stopping = stopping;
		this.moveTo('stopping');
		stopping.done = process.stop(this.def.stopSignal, this.def.stopTimeoutMs, report => {
			this.deps.say('info', `${this.def.id}: ${reason} stop, sent ${this.def.stopSignal} to ${describeTree(report)}`, this.run?.id);
		}).then(report => {
			stopping.killed = report.killed;
			if (report.killed > 0) {
				this.deps.say('warn', `${this.def.id}: ${report.killed} process(es) still running ${Math.round(this.def.stopTimeoutMs / 1000)} s after ${this.def.stopSignal}, killed with SIGKILL`, this.run?.id);
			}
		}, (error: unknown) => {
			this.deps.say('error', `${this.def.id}: could not stop pid ${process.pid}: ${(error as Error).message}`, this.run?.id);
		});
	}

	private exited(process: ServiceProcess, exit: ServiceExit): void {
		if (process !== this.process) {
			return;
		}

		const now = this.deps.clock.now();
		const run = this.run!;
		const uptimeMs = Math.max(0, now - (this.startedAt ?? now));
		const stderrTail = tailLines(this.deps.files.err, stderrTailLines, process.errOffset);
		this.process = undefined;
		this.memoryMb = undefined;
		this.timers.clear('ready', 'ready-timeout', 'output', 'stable');
		const stopping = this.stopping;
		if (stopping) {
			// The main process may be gone before the rest of its tree: the stop's end says what needed SIGKILL.
			void stopping.done.then(() => {
				this.stopping = undefined;
				this.stoppedAsAsked(stopping, run, now, askedExit(this.def, stopping, exit, uptimeMs, stderrTail), stderrTail);
				for (const resolve of stopping.waiters) {
					resolve();
				}
			});
			return;
		}

		const outcome = unexpectedExit(this.def.id, exit, uptimeMs, stderrTail);
		this.record(run, now, outcome);
		this.deps.say(outcome.status === 'failed' ? 'error' : 'info', `${outcome.status === 'failed' ? '✗' : '■'} ${outcome.message} (run ${run.id})`, run.id);
		const failed = outcome.status === 'failed';
		const quick = this.upSince === undefined || this.state === 'starting' || now - this.upSince < this.def.minUptimeMs;
		this.quickExits = quick ? this.quickExits + 1 : 1;
		// What its group left running (a worker it started) is ended before anything starts again: never two copies.
		void process.stop(this.def.stopSignal, this.def.stopTimeoutMs).then(report => {
			if (report.groupSize + report.outside > 0) {
				this.deps.say('warn', `${this.def.id}: its main process ended; ended what it left running, ${describeTree(report)}`, run.id);
			}
		}, () => undefined).then(() => this.afterFailure(now, failed, stderrTail));
	}

	private record(run: RunRecord, now: number, outcome: ExitOutcome, message?: string): void {
		this.deps.runs.end(run, outcome.status, now, {result: outcome.result, ...(outcome.error ? {error: outcome.error} : {}), ...(message ? {message} : {})});
		this.lastExit = {at: now, runId: run.id, status: outcome.status, exitCode: outcome.result.exitCode, signal: outcome.result.signal, message: outcome.message};
	}

	private stoppedAsAsked(stopping: NonNullable<SupervisedService['stopping']>, run: RunRecord, now: number, outcome: ExitOutcome, stderrTail: string[]): void {
		this.record(run, now, outcome, outcome.status === 'success' ? `stopped (${stopping.reason})` : undefined);
		this.deps.say(outcome.status === 'failed' ? 'warn' : 'info', `■ ${outcome.message} (run ${run.id})`, run.id);
		switch (stopping.then) {
			case 'start': {
				// A restart the operator or the memory limit asked for: the next start of the same streak.
				this.startProcess(restartReason[stopping.reason] ?? `restart (${stopping.reason})`);
				break;
			}

			case 'exit': {
				this.quickExits++;
				this.afterFailure(now, true, stderrTail);
				break;
			}

			case 'stopped': {
				this.note = stopping.reason === 'manual' ? this.holdText() : `stopped (${stopping.reason})`;
				this.moveTo('stopped');
				break;
			}

			default: {
				this.moveTo(this.wanted(now) && stopping.reason !== 'shutdown' ? 'stopped' : 'outside-window');
			}
		}
	}

	/** After an exit nobody asked for (or a failed start): restart after a delay, hold, or fatal. */
	private afterFailure(now: number, failed: boolean, stderrTail: string[]): void {
		const runId = this.run?.id;
		if (failed) {
			this.trouble('service-exited', this.lastExit?.message ?? `${this.def.id} exited`, stderrTail);
		}

		const decision = afterExit(this.def, failed, Math.max(1, this.quickExits), this.starts.countSince(now - this.def.startLimitIntervalMs));
		if (decision.kind === 'fatal') {
			this.note = `${decision.starts} starts within ${Math.round(decision.withinMs / 60_000)} min (start_limit): held until a manual start${this.def.window.kind === 'always' ? '' : ' or the next window'}`;
			this.moveTo('fatal');
			this.trouble('service-fatal', `${this.def.id} is fatal: it exited ${decision.starts} times within ${Math.round(decision.withinMs / 60_000)} min (start_limit ${this.def.startLimit}); not restarted until a manual start${this.def.window.kind === 'always' ? '' : ' or its next window'}`, stderrTail);
			return;
		}

		if (decision.kind === 'hold') {
			this.note = `exited; restart: ${this.def.restart}: held until a manual start${this.def.window.kind === 'always' ? '' : ' or the next window'}`;
			this.moveTo('stopped');
			return;
		}

		this.nextStartAt = now + decision.delayMs;
		this.moveTo('backoff');
		this.deps.say('info', `${this.def.id} restarts in ${(decision.delayMs / 1000).toFixed(decision.delayMs < 10_000 ? 1 : 0)} s (exit ${this.quickExits} in a row)`, runId);
		this.timers.set('backoff', decision.delayMs, () => {
			if (this.state !== 'backoff') {
				return;
			}

			if (this.wanted(this.deps.clock.now())) {
				this.startProcess(`restart after exit (backoff ${(decision.delayMs / 1000).toFixed(1)} s)`);
			} else {
				this.moveTo(this.def.enabled ? 'outside-window' : 'stopped');
			}
		});
	}

	private trouble(kind: 'service-exited' | 'service-fatal' | 'service-not-up', message: string, stderrTail?: string[]): void {
		if (this.incident.trouble(kind)) {
			this.alert(kind, message, stderrTail);
		}
	}

	private alert(kind: ServiceAlert['kind'], message: string, stderrTail?: string[]): void {
		this.deps.alert({serviceId: this.def.id, kind, at: this.deps.clock.now(), message, runId: this.run?.id, ...(stderrTail && stderrTail.length > 0 ? {stderrTail} : {})});
	}

	private moveTo(state: ServiceState, at = this.deps.clock.now()): void {
		if (state === this.state) {
			return;
		}

		const wasHeld = this.state === 'stopped' || this.state === 'fatal';
		this.state = checkedServiceMove(this.def.id, this.state, state);
		this.since = at;
		if (state === 'stopped' || state === 'fatal') {
			this.heldAt = at;
			this.deps.held(this.def.enabled ? {state, note: this.note, at} : undefined);
		} else if (wasHeld) {
			this.deps.held(undefined);
		}

		if (state !== 'up') {
			this.upSince = undefined;
		}

		if (state === 'outside-window' || state === 'starting') {
			this.note = state === 'starting' ? this.note : undefined;
		}

		this.deps.changed();
	}

	/** Held (stopped, fatal) in an earlier window than the one open now: the hold is over. */
	private holdEnded(now: number): boolean {
		if ((this.state !== 'stopped' && this.state !== 'fatal') || this.heldAt === undefined) {
			return false;
		}

		const window = windowAt(this.def.window, now, this.deps.calendar);
		return window.inside && window.openedAt > this.heldAt;
	}

	private holdText(): string {
		return `manual stop: held until a manual start${this.def.window.kind === 'always' ? '' : ' or the next window'}`;
	}

	private endOfNextWindow(now: number): number {
		const window = windowAt(this.def.window, now, this.deps.calendar);
		if (window.inside || window.opensAt === undefined) {
			return Number.POSITIVE_INFINITY;
		}

		const next = windowAt(this.def.window, window.opensAt, this.deps.calendar);
		return next.inside && next.closesAt !== undefined ? next.closesAt : Number.POSITIVE_INFINITY;
	}

}
