/**
 * What the supervisor is given: the clock and calendar, the scheduler's RunRecorder, history, where
 * service output goes, and the callbacks through which it speaks to the scheduler and its clients.
 * Implemented in src/host (host-supervisor.ts).
 */
import type {RunRecord} from '../core/run-record.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {Clock} from '../scheduler/clock.js';
import type {ServiceAlert} from './service-alert.js';
import type {ServiceDefinition} from './service-definition.js';
import type {SettingsStore} from './service-holds.js';
import type {ServiceRecorder} from './service-runs.js';

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
	/** The config's zone now, the day restarts are counted in: a reload may change it. */
	timezone(): string;
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

/** How the supervisor's parts log: a line with the service (and its run) it is about. */
export type SupervisorSay = SupervisorDeps['say'];
