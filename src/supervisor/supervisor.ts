/**
 * The supervisor: every service of jobs.yaml kept up in its window, as supervisord, pm2 or systemd
 * would, and aware of the trading calendar. One timer on the injected clock for the next window edge of
 * any service (window-edges.ts); one poll on real time (service-poll.ts: memory of each process tree,
 * adopted processes, log rotation). It records through the scheduler's RunRecorder and speaks to
 * clients through the scheduler's snapshot (services-snapshot.ts) and the request handler; it knows
 * nothing of terminals or sockets.
 */
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {ServiceDetail} from '../protocol/messages.js';
import type {ServiceView} from '../protocol/snapshot.js';
import type {AbandonedRun} from '../scheduler/ports.js';
import {followCalendarChange, wantedByService} from './calendar-reload.js';
import {adoptServiceRuns} from './service-adoption.js';
import {controlService, type ServiceAction} from './service-control.js';
import type {ServiceDefinition} from './service-definition.js';
import {serviceDetail} from './service-detail.js';
import {serviceLogFiles} from './service-logs.js';
import {ServicePoll} from './service-poll.js';
import {keepExtension, keepHold, keepIncident, recountRestartsToday, restoreService} from './service-restore.js';
import {ServiceRuns} from './service-runs.js';
import {forgetRemovedServices} from './removed-services-settings.js';
import {reloadServices} from './services-reload.js';
import {RemovedServiceStops} from './removed-service-stops.js';
import {windowText} from './service-manual-extension.js';
import {ServicesSnapshot} from './services-snapshot.js';
import {SupervisedService, type ActionResult} from './supervised-service.js';
import type {SupervisorDeps} from './supervisor-deps.js';
import {WindowEdges} from './window-edges.js';

export type {ServiceHistory, SupervisorDeps} from './supervisor-deps.js';
export type {ServiceAction} from './service-control.js';

export class Supervisor {
	private readonly services = new Map<string, SupervisedService>();
	private readonly removing: RemovedServiceStops;
	/** The services of the last config, those put back while their removed process still stops among them. */
	private definitions: readonly ServiceDefinition[];
	private readonly runs: ServiceRuns;
	private readonly edges: WindowEdges;
	private readonly poll: ServicePoll;
	private readonly views: ServicesSnapshot;
	private started = false;
	private closed = false;
	private calendar: TradingCalendar;
	/** The config's zone restarts were last counted in. */
	private zone: string;

	constructor(private readonly deps: SupervisorDeps, definitions: readonly ServiceDefinition[]) {
		this.calendar = deps.calendar;
		this.zone = deps.timezone();
		this.runs = new ServiceRuns(deps.recorder, {started: deps.runStarted, ended: deps.runEnded}, deps.writeNow, () => deps.timezone());
		const services = () => this.services.values();
		this.edges = new WindowEdges({
			clock: deps.clock,
			services,
			started: () => this.started,
			closed: () => this.closed,
			changed: () => this.changed(),
			say: deps.say,
		});
		this.poll = new ServicePoll({services, closed: () => this.closed, logsDir: deps.logsDir, say: deps.say});
		this.views = new ServicesSnapshot(deps.timezone);
		this.definitions = definitions;
		this.removing = new RemovedServiceStops(id => {
			if (!this.closed && this.definitions.some(def => def.id === id)) {
				this.reload(this.definitions);
			}
		});
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
		this.forgetRemoved();
		const now = this.deps.clock.now();
		for (const service of this.services.values()) {
			this.restore(service, now);
		}

		this.edges.reconcile('window start');
		this.poll.start(this.deps.pollMs ?? 1000);
	}

	/** Services taken out of jobs.yaml while no scheduler ran: what was kept for them goes, as a reload's removal forgets it. */
	private forgetRemoved(): void {
		try {
			for (const id of forgetRemovedServices(this.deps.history, new Set(this.services.keys()))) {
				this.deps.say('info', `service ${id} is no longer in jobs.yaml: what was kept for it (a hold, an open incident, a manual start) is forgotten`, {jobId: id});
			}
		} catch (error) {
			this.deps.say('warn', `could not forget what was kept for services no longer in jobs.yaml: ${(error as Error).message}`);
		}
	}

	/** A new config: services added, removed (stopped) and changed (restarted when what they run changed). */
	reload(definitions: readonly ServiceDefinition[]): void {
		this.definitions = definitions;
		const back = definitions.filter(def => this.removing.has(def.id) && !this.services.has(def.id));
		for (const def of back) {
			this.deps.say('info', `service ${def.id} is back in jobs.yaml while its removed process is still stopping: it is supervised again once that has stopped`, {jobId: def.id});
		}

		reloadServices(this.services, definitions.filter(def => !back.includes(def)), {
			supervise: def => this.supervise(def),
			restore: service => this.restore(service, this.deps.clock.now()),
			forget: id => {
				keepHold(id, undefined, this.deps);
				keepIncident(id, undefined, this.deps);
				keepExtension(id, undefined, this.deps);
			},
			removing: (id, stopped) => {
				this.removing.add(id, stopped);
			},
			say: this.deps.say,
		});
		this.followZone();
		this.edges.reconcile('config reload');
	}

	/**
	 * A re-read config/calendar.yaml: every window follows its days from now on. A service whose window
	 * the new calendar closed today is stopped, one whose window it opened is started, each saying why.
	 */
	useCalendar(calendar: TradingCalendar): void {
		const now = this.deps.clock.now();
		const wantedBefore = wantedByService(this.services, now);
		this.calendar = calendar;
		if (!this.started || this.closed) {
			return;
		}

		followCalendarChange(this.services, wantedBefore, now, this.deps.say);
		this.edges.arm();
	}

	control(action: ServiceAction, id: string): ActionResult | undefined {
		const service = this.services.get(id);
		if (!service) {
			return undefined;
		}

		return controlService(action, service, {closing: this.closed, say: this.deps.say, replan: () => this.edges.arm()});
	}

	get ids(): string[] {
		return [...this.services.keys()];
	}

	definition(id: string): ServiceDefinition | undefined {
		return this.services.get(id)?.def;
	}

	/** The services part of the snapshot: the same array until something in it changed. */
	snapshot(): readonly ServiceView[] {
		return this.views.read(this.services.values(), this.deps.clock.now());
	}

	/** A service up close: its view, its newest output and errors, its last crashes. */
	detail(id: string, lines: number): ServiceDetail | undefined {
		const service = this.services.get(id);
		if (!service) {
			return undefined;
		}

		return serviceDetail(service, lines, {now: () => this.deps.clock.now(), history: this.deps.history, logsDir: this.deps.logsDir, say: this.deps.say});
	}

	/** Shutdown: every service stopped with its stop signal and timeout (then SIGKILL of its tree), in parallel. */
	async close(): Promise<void> {
		this.closed = true;
		this.edges.stop();
		this.poll.stop();
		// Removed services' stops too: ended after the history closed, a run stayed `running` and the process
		// lived on, retrying its write for ever.
		await Promise.all([...[...this.services.values()].map(async service => service.close()), this.removing.ended()]);
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
			replan: () => this.edges.arm(),
			held: hold => keepHold(def.id, hold, this.deps),
			extended: (until, window) => keepExtension(def.id, until === undefined ? undefined : {until, window: windowText(window)}, this.deps),
			incident: open => keepIncident(def.id, open, this.deps),
		});
	}

	/** After a (re)start of the scheduler: restarts counted today, an open incident, and a hold (manual stop, fatal) from earlier in the current window. */
	private restore(service: SupervisedService, now: number): void {
		restoreService(service, now, {history: this.deps.history, timezone: this.deps.timezone(), calendar: () => this.calendar, say: this.deps.say});
	}

	/** A reload changed the config's zone: today is another span of time, so restarts today are counted again from history. */
	private followZone(): void {
		const zone = this.deps.timezone();
		if (zone === this.zone) {
			return;
		}

		this.zone = zone;
		const now = this.deps.clock.now();
		for (const service of this.services.values()) {
			recountRestartsToday(service, now, {history: this.deps.history, timezone: zone, say: this.deps.say});
		}

		this.changed();
	}

	private changed(): void {
		this.views.markStale();
		this.deps.changed();
	}
}
