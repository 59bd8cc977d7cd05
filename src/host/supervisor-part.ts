/**
 * The supervisor (src/supervisor, ~40 files) loaded only when there is a service to keep: jobs.yaml has
 * `services:` (at the start, or at the reload that adds them), or a dead scheduler left a service's run
 * to adopt or stop. Until then it answers as a supervisor without services does; once loaded it stays.
 * Services are not fired by the scheduler's timer: nothing waits on the import but their own windows.
 */
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {ServiceDetail} from '../protocol/messages.js';
import type {ServiceView} from '../protocol/snapshot.js';
import type {AbandonedRun} from '../scheduler/ports.js';
import type {ServiceAction} from '../supervisor/service-control.js';
import type {ServiceDefinition} from '../supervisor/service-definition.js';
import type {ActionResult} from '../supervisor/supervised-service.js';
import type {Supervisor} from '../supervisor/supervisor.js';

const noServices: readonly ServiceView[] = [];

export type SupervisorPartOptions = {
	/** Imports and makes the supervisor of `definitions` on `calendar`. */
	load(definitions: readonly ServiceDefinition[], calendar: TradingCalendar): Promise<Supervisor>;
	definitions: readonly ServiceDefinition[];
	calendar: TradingCalendar;
	/** The services' part of the snapshot moved (the supervisor is there). */
	changed(): void;
	failed(error: Error): void;
};

export class SupervisorPart {
	private supervisor: Supervisor | undefined;
	private loading: Promise<void> | undefined;
	private definitions: readonly ServiceDefinition[];
	private calendar: TradingCalendar;
	private started = false;
	private closed = false;

	constructor(private readonly options: SupervisorPartOptions) {
		this.definitions = options.definitions;
		this.calendar = options.calendar;
		if (this.definitions.length > 0) {
			this.load();
		}
	}

	/** See Supervisor.adopt: waits for the supervisor, loaded for `runs` when no service is configured. */
	async adopt(runs: readonly AbandonedRun[]): Promise<string[]> {
		if (runs.length > 0) {
			this.load();
		}

		await this.loading;
		return this.supervisor ? this.supervisor.adopt(runs) : [];
	}

	/** Settles once a load under way is done (a `reload` answers with the services it added in the snapshot). */
	async ready(): Promise<void> {
		await this.loading;
	}

	start(): void {
		this.started = true;
		this.supervisor?.start();
	}

	reload(definitions: readonly ServiceDefinition[]): void {
		this.definitions = definitions;
		if (this.supervisor) {
			this.supervisor.reload(definitions);
		} else if (definitions.length > 0) {
			this.load();
		}
	}

	useCalendar(calendar: TradingCalendar): void {
		this.calendar = calendar;
		this.supervisor?.useCalendar(calendar);
	}

	control(action: ServiceAction, id: string): ActionResult | undefined {
		return this.supervisor?.control(action, id);
	}

	get ids(): string[] {
		return this.supervisor?.ids ?? [];
	}

	definition(id: string): ServiceDefinition | undefined {
		return this.supervisor?.definition(id);
	}

	snapshot(): readonly ServiceView[] {
		return this.supervisor?.snapshot() ?? noServices;
	}

	detail(id: string, lines: number): ServiceDetail | undefined {
		return this.supervisor?.detail(id, lines);
	}

	async close(): Promise<void> {
		this.closed = true;
		await this.loading;
		await this.supervisor?.close();
	}

	/**
	 * Loads it once. Made before the start, it is the supervisor the start would have made; made later,
	 * it starts empty and takes the services as a reload does, as a supervisor running all along would.
	 */
	private load(): void {
		if (this.loading) {
			return;
		}

		const afterStart = this.started;
		const definitions = afterStart ? [] : this.definitions;
		const {calendar} = this;
		this.loading = this.options.load(definitions, calendar).then(supervisor => {
			this.supervisor = supervisor;
			if (this.closed) {
				return;
			}

			if (this.started) {
				supervisor.start();
			}

			if (this.calendar !== calendar) {
				supervisor.useCalendar(this.calendar);
			}

			if (this.definitions !== definitions) {
				supervisor.reload(this.definitions);
			}

			this.options.changed();
		}, (error: unknown) => {
			this.options.failed(error as Error);
		});
	}
}
