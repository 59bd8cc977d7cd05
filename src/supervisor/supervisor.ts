/**
 * The supervisor: every service of jobs.yaml kept up in its window, as supervisord, pm2 or systemd
 * would, and aware of the trading calendar. One timer on the injected clock for the next window edge of
 * any service; one poll on real time (memory of each process tree, adopted processes, log rotation).
 * It records through the scheduler's RunRecorder and speaks to clients through the scheduler's
 * snapshot and the request handler; it knows nothing of terminals or sockets.
 */
import path from 'node:path';
import type {RunRecord} from '../core/run-record.js';
import {readAllProcStats} from '../executors/proc-stat.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {ServiceDetail} from '../protocol/messages.js';
import type {ServiceView} from '../protocol/snapshot.js';
import type {Clock} from '../scheduler/clock.js';
import type {AbandonedRun} from '../scheduler/ports.js';
import {zonedDate, zonedInstant} from '../time/zoned-time.js';
import {calendarChangeReason} from './calendar-change.js';
import {adoptServiceRuns} from './service-adoption.js';
import type {ServiceAlert} from './service-alert.js';
import type {ServiceDefinition} from './service-definition.js';
import {rotateIfOver, serviceLogFiles, tailLines} from './service-logs.js';
import {keepServiceHold, readServiceHold, type ServiceHold, type SettingsStore} from './service-holds.js';
import {ServiceRuns, type ServiceRecorder} from './service-runs.js';
import {SupervisedService, type ActionResult} from './supervised-service.js';
import {windowAt} from './service-window.js';

/** What the supervisor reads of history: a service's runs (restarts today, crashes), and where holds are kept. */
export type ServiceHistory = SettingsStore & {
	query(query: {jobId: string; trigger: 'service'; status?: 'failed'; since?: number; limit?: number}): RunRecord[];
};

export type SupervisorDeps = {
	clock: Clock;
	/** The trading calendar at start; a reload hands over another (useCalendar). */
	calendar: TradingCalendar;
	/** The scheduler's RunRecorder: the one guarded path for run states. */
	recorder: ServiceRecorder;
	history: ServiceHistory;
	/** `ROOT/logs/services`. */
	logsDir: string;
	/** The config's zone: the day restarts are counted in. */
	timezone: string;
	say(level: 'info' | 'warn' | 'error', msg: string, fields?: {jobId?: string; runId?: number}): void;
	/** The services part of the snapshot changed. */
	changed(): void;
	/** A service run started (clients hear of it as of a job's). */
	runStarted(record: RunRecord): void;
	/** A service run ended (today's figures count it). */
	runEnded(record: RunRecord): void;
	alert(alert: ServiceAlert, service: ServiceDefinition): void;
	/** Memory, adopted processes and log sizes are looked at this often (real ms). @default 1000 */
	pollMs?: number;
	/** How often a readiness pattern is looked for in the output (real ms). @default 100 */
	readinessPollMs?: number;
	/** Who adopts, for the adopted run's message ("scheduler pid 1234"). */
	self: string;
	/** The project root: services carry it in their environment (SAGE_SERVICE_ROOT), so a leftover is found even without its run. */
	root: string;
	/** The history database's absolute path: with the run id, it makes a service run's mark unique on this machine. */
	database: string;
	/** Commits history writes now (the scheduler's historyWritten). */
	writeNow?(): void;
};

export type ServiceAction = 'start' | 'stop' | 'restart';

export class Supervisor {
	private readonly services = new Map<string, SupervisedService>();
	private readonly runs: ServiceRuns;
	private edgeTimer: unknown;
	private pollTimer: NodeJS.Timeout | undefined;
	private views: readonly ServiceView[] = [];
	private stale = true;
	/** A poll is under way (a rotation copying a big file may outlast the interval). */
	private polling = false;
	private viewsDay = '';
	private started = false;
	private closed = false;
	private calendar: TradingCalendar;

	constructor(private readonly deps: SupervisorDeps, definitions: readonly ServiceDefinition[]) {
		this.calendar = deps.calendar;
		this.runs = new ServiceRuns(deps.recorder, {started: deps.runStarted, ended: deps.runEnded}, deps.writeNow);
		for (const def of definitions) {
			this.services.set(def.id, this.supervise(def));
		}
	}

	/**
	 * Before anything starts: the runs a dead scheduler left `running` for services. A process that
	 * still runs (same pid and start time) is adopted when its service still wants it, else stopped; a
	 * gone one's run is recorded `interrupted`. Never two copies: nothing starts until this settles.
	 */
	async adopt(runs: readonly AbandonedRun[]): Promise<string[]> {
		return adoptServiceRuns(runs, {
			service: id => this.services.get(id),
			runs: this.runs,
			files: id => serviceLogFiles(this.deps.logsDir, id),
			now: () => this.deps.clock.now(),
			self: this.deps.self,
			root: this.deps.root,
			database: this.deps.database,
		});
	}

	/** Sets each service's state from its window (and a manual stop in this window before a restart), and starts watching. */
	start(): void {
		if (this.started) {
			return;
		}

		this.started = true;
		const now = this.deps.clock.now();
		for (const service of this.services.values()) {
			this.restore(service, now);
		}

		this.reconcile('window start');
		this.pollTimer = setInterval(() => {
			void this.poll();
		}, this.deps.pollMs ?? 1000);
		this.pollTimer.unref();
	}

	/** A new config: services added, removed (stopped) and changed (restarted when what they run changed). */
	reload(definitions: readonly ServiceDefinition[]): void {
		const next = new Map(definitions.map(def => [def.id, def]));
		for (const [id, service] of this.services) {
			if (!next.has(id)) {
				this.services.delete(id);
				this.keepHold(id, undefined);
				void service.close('removed');
				this.deps.say('info', `service ${id} removed from jobs.yaml: stopping it`, {jobId: id});
			}
		}

		for (const def of definitions) {
			const service = this.services.get(def.id);
			if (service) {
				service.replace(def);
			} else {
				const added = this.supervise(def);
				this.services.set(def.id, added);
				this.restore(added, this.deps.clock.now());
			}
		}

		this.reconcile('config reload');
	}

	/**
	 * A re-read config/calendar.yaml: every window follows its days from now on. A service whose window
	 * the new calendar closed today is stopped, one whose window it opened is started, each saying why.
	 */
	useCalendar(calendar: TradingCalendar): void {
		const now = this.deps.clock.now();
		const wantedBefore = new Map([...this.services].map(([id, service]) => [id, service.wanted(now)]));
		this.calendar = calendar;
		if (!this.started || this.closed) {
			return;
		}

		for (const [id, service] of this.services) {
			const wantedNow = service.wanted(now);
			const why = calendarChangeReason(service.def, wantedBefore.get(id) ?? false, wantedNow, now);
			if (!why) {
				continue;
			}

			this.deps.say('info', `service ${id}: ${why}: ${wantedNow ? 'starting' : 'stopping'} it`, {jobId: id});
			try {
				service.reconcile(now, why, {reason: 'calendar', why});
			} catch (error) {
				this.deps.say('error', `service ${id}: ${(error as Error).message}`, {jobId: id});
			}
		}

		this.arm();
	}

	control(action: ServiceAction, id: string): ActionResult | undefined {
		const service = this.services.get(id);
		if (!service) {
			return undefined;
		}

		if (this.closed) {
			return {ok: false, message: 'the scheduler is stopping: services are being stopped'};
		}

		const result = action === 'start' ? service.start() : (action === 'stop' ? service.stop() : service.restart());
		this.deps.say(result.ok ? 'info' : 'warn', `${action} ${id} (operator): ${result.message}`, {jobId: id});
		this.arm();
		return result;
	}

	get ids(): string[] {
		return [...this.services.keys()];
	}

	definition(id: string): ServiceDefinition | undefined {
		return this.services.get(id)?.def;
	}

	/** The services part of the snapshot: the same array until something in it changed. */
	snapshot(): readonly ServiceView[] {
		const now = this.deps.clock.now();
		// Restarts are counted per day: a new day is a change even when nothing else moved.
		const day = zonedDate(now, this.deps.timezone);
		if (this.stale || day !== this.viewsDay) {
			this.views = [...this.services.values()].map(service => service.view(now));
			this.viewsDay = day;
			this.stale = false;
		}

		return this.views;
	}

	/** A service up close: its view, its newest output and errors, its last crashes. */
	detail(id: string, lines: number): ServiceDetail | undefined {
		const service = this.services.get(id);
		if (!service) {
			return undefined;
		}

		const files = serviceLogFiles(this.deps.logsDir, id);
		let crashes: RunRecord[] = [];
		try {
			crashes = this.deps.history.query({jobId: id, trigger: 'service', status: 'failed', limit: 5});
		} catch (error) {
			this.deps.say('warn', `could not read the crashes of service ${id}: ${(error as Error).message}`, {jobId: id});
		}

		return {
			service: service.view(this.deps.clock.now()),
			outputFile: files.out,
			errorFile: files.err,
			output: tailLines(files.out, lines),
			errors: tailLines(files.err, Math.min(lines, 50)),
			crashes,
		};
	}

	/** Shutdown: every service stopped with its stop signal and timeout (then SIGKILL of its tree), in parallel. */
	async close(): Promise<void> {
		this.closed = true;
		this.deps.clock.clearTimeout(this.edgeTimer);
		clearInterval(this.pollTimer);
		await Promise.all([...this.services.values()].map(async service => service.close()));
	}

	// ── inside ────────────────────────────────────────────────────────────────

	private supervise(def: ServiceDefinition): SupervisedService {
		const files = serviceLogFiles(this.deps.logsDir, def.id);
		return new SupervisedService(def, {
			clock: this.deps.clock,
			calendar: () => this.calendar,
			runs: this.runs,
			files,
			timezone: this.deps.timezone,
			root: this.deps.root,
			database: this.deps.database,
			readinessPollMs: this.deps.readinessPollMs ?? 100,
			say: (level, msg, runId) => this.deps.say(level, msg, {jobId: def.id, runId}),
			changed: () => this.changed(),
			alert: alert => this.deps.alert(alert, this.services.get(alert.serviceId)?.def ?? def),
			replan: () => this.arm(),
			held: hold => this.keepHold(def.id, hold),
		});
	}

	/** After a (re)start of the scheduler: restarts counted today, and a hold (manual stop, fatal) from earlier in the current window. */
	private restore(service: SupervisedService, now: number): void {
		const day = zonedDate(now, this.deps.timezone);
		let today: RunRecord[] = [];
		try {
			today = this.deps.history.query({jobId: service.def.id, trigger: 'service', since: zonedInstant(day, this.deps.timezone).getTime(), limit: 1000});
		} catch (error) {
			this.deps.say('warn', `could not read the history of service ${service.def.id}: ${(error as Error).message}`, {jobId: service.def.id});
		}

		service.seedRestarts(day, today.filter(run => run.attempt > 1).length);
		if (service.state !== 'outside-window') {
			return;
		}

		let hold: ServiceHold | undefined;
		try {
			hold = readServiceHold(this.deps.history, service.def.id);
		} catch (error) {
			this.deps.say('warn', `could not read whether service ${service.def.id} was held: ${(error as Error).message}`, {jobId: service.def.id});
			return;
		}

		const window = windowAt(service.def.window, now, this.calendar);
		if (hold && service.def.enabled && window.inside && hold.at >= window.openedAt) {
			service.restoreHold(hold);
		} else if (hold) {
			this.keepHold(service.def.id, undefined); // Held in an earlier window: over.
		}
	}

	private keepHold(serviceId: string, hold: ServiceHold | undefined): void {
		try {
			keepServiceHold(this.deps.history, serviceId, hold);
		} catch (error) {
			this.deps.say('warn', `could not keep whether service ${serviceId} is held (a scheduler restart may start it): ${(error as Error).message}`, {jobId: serviceId});
		}
	}

	private reconcile(reason: string): void {
		if (this.closed) {
			return;
		}

		const now = this.deps.clock.now();
		for (const service of this.services.values()) {
			try {
				service.reconcile(now, reason);
			} catch (error) {
				this.deps.say('error', `service ${service.def.id}: ${(error as Error).message}`, {jobId: service.def.id});
			}
		}

		this.arm();
	}

	/** One timer, for the earliest window edge of any service. */
	private arm(): void {
		this.deps.clock.clearTimeout(this.edgeTimer);
		this.edgeTimer = undefined;
		if (this.closed || !this.started) {
			return;
		}

		const now = this.deps.clock.now();
		const edges = [...this.services.values()].map(service => service.nextEdge(now)).filter((at): at is number => at !== undefined && at > now);
		if (edges.length > 0) {
			this.edgeTimer = this.deps.clock.setTimeout(() => this.reconcile('window start'), Math.min(...edges) - now);
		}

		this.changed();
	}

	private async poll(): Promise<void> {
		const live = [...this.services.values()].filter(service => service.state === 'starting' || service.state === 'up' || service.state === 'stopping');
		if (live.length === 0 || this.closed || this.polling) {
			return;
		}

		this.polling = true;
		try {
			await this.pollLive(live);
		} finally {
			this.polling = false;
		}
	}

	private async pollLive(live: readonly SupervisedService[]): Promise<void> {

		const stats = await readAllProcStats();
		for (const service of live) {
			service.sample(stats);
			const files = serviceLogFiles(this.deps.logsDir, service.def.id);
			for (const file of [files.out, files.err]) {
				try {
					if (await rotateIfOver(file, service.def.logMaxBytes, service.def.logKeep)) {
						this.deps.say('info', `rotated ${path.basename(file)} (over ${Math.round(service.def.logMaxBytes / 1024)} KiB; keeping ${service.def.logKeep})`, {jobId: service.def.id});
					}
				} catch (error) {
					this.deps.say('warn', `could not rotate ${file}: ${(error as Error).message}`, {jobId: service.def.id});
				}
			}
		}
	}

	private changed(): void {
		this.stale = true;
		this.deps.changed();
	}
}
