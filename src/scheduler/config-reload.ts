/**
 * A config or a calendar handed over while the scheduler runs: a new config's jobs added, removed and
 * changed (live runs untouched), a new calendar's fire times and watches, or a config edit that failed
 * validation (the running jobs stay, its problems show).
 */
import {formatProblem, type ConfigProblem} from '../config/config-problem.js';
import type {SchedulerConfig} from '../core/job-definition.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {FireTimer} from './fire-timer.js';
import {describeJobChanges, jobChanges, type JobChanges} from './job-changes.js';
import type {JobWatch} from './job-watch.js';
import type {RunDispatch} from './run-dispatch.js';
import type {RunSequels} from './run-sequels.js';
import type {SchedulerDeps} from './scheduler-deps.js';
import type {SchedulerEvents} from './scheduler-events.js';
import type {SchedulerState} from './scheduler-state.js';
import {anyServiceChange, describeServiceChanges, serviceChanges, type ServiceChanges} from './service-changes.js';
import {settingChanges} from './setting-changes.js';
import {cancelQueuedOfTurnedOff, type TurnedOffParts} from './turned-off-runs.js';
import type {PreparedReload} from './prepared-reload.js';
import type {PreparedSchedules} from './prepared-schedules.js';
import {rebuildSlots, type SlotRebuildParts} from './slots-from-config.js';
import type {SnapshotPart} from './snapshot-builder.js';
import type {TodayLedger} from './today-ledger.js';
import type {TypedEmitter} from './typed-emitter.js';

export type ReloadParts = SlotRebuildParts & TurnedOffParts & {
	readonly deps: Pick<SchedulerDeps, 'clock' | 'history'>;
	readonly state: SchedulerState;
	readonly events: TypedEmitter<SchedulerEvents>;
	readonly timer: FireTimer;
	readonly today: TodayLedger;
	readonly sequels: RunSequels;
	readonly watch: JobWatch;
	readonly dispatch: RunDispatch;
	say(level: 'info' | 'warn' | 'error', msg: string): void;
	changed(...parts: SnapshotPart[]): void;
};

/**
 * What a reload changed: jobs added, removed and changed, each applied setting it changed (`max_parallel 4 → 1`),
 * and the services added, removed and changed with what changed in them (none changed: absent).
 */
export type ReloadChanges = JobChanges & {settings: string[]; services?: ServiceChanges};

/** `prepared`: what prepareReload worked out ahead for this very config, in slices between fires. */
export function reloadConfig(parts: ReloadParts, config: SchedulerConfig, warnings: readonly ConfigProblem[], prepared?: PreparedReload): ReloadChanges {
	const {state} = parts;
	const result = jobChanges(state.config.jobs, config.jobs);
	const services = serviceChanges(state.config.services ?? [], config.services ?? []);
	const settings = settingChanges(state.config, config);
	const wasEnabled = new Set(state.config.jobs.filter(job => job.enabled).map(job => job.id));
	state.config = config;
	state.configProblems = [];
	state.configWarnings = warnings;
	const now = parts.deps.clock.now();
	rebuildSlots(parts, now, prepared?.schedules);
	parts.today.jobsReloaded(now, parts.timer.ids, config.timezone, prepared?.lastRuns);
	const servicesChanged = anyServiceChange(services);
	const jobsChanged = result.added.length + result.removed.length + result.changed.length > 0;
	// A `reload` of the file the watcher applied a moment ago changes nothing: said so, not as `0 added, 0 removed, 0 changed`.
	parts.say('info', !jobsChanged && !servicesChanged && settings.length === 0 ? 'config reloaded: nothing changed' : `config reloaded: ${describeJobChanges(result)}${servicesChanged ? `; services: ${describeServiceChanges(services)}` : ''}${settings.length > 0 ? `; ${settings.join(', ')}` : ''}`);
	parts.sequels.jobsRemoved(result.removed);
	// As a pause drops them: the operator turned the job off, so its retries and queued runs do not run either.
	const disabled = new Set(config.jobs.filter(job => !job.enabled && wasEnabled.has(job.id)).map(job => job.id));
	parts.sequels.jobsDisabled([...disabled]);
	void cancelQueuedOfTurnedOff(parts, jobId => disabled.has(jobId), jobId => `${jobId} was disabled (enabled: false)`);
	parts.dispatch.jobsReloaded(config.jobs);
	for (const problem of warnings) {
		parts.say('warn', `config: ${formatProblem(problem)}`);
	}

	parts.events.emit('config-reloaded', result);
	parts.timer.arm();
	parts.watch.replan();
	parts.dispatch.dispatch();
	// 'live': a queued run's reason names the limits, which the reload may have changed.
	parts.changed('scheduler', 'jobs', 'live', 'today', 'config');
	return {...result, settings, ...(servicesChanged ? {services} : {})};
}

/** Fire times and watches follow the new calendar, the services hear of it (`calendar-changed`), and clients get it in the snapshot. */
export function changeCalendar(parts: ReloadParts, calendar: TradingCalendar, prepared?: PreparedSchedules): void {
	parts.state.calendar = calendar;
	parts.timer.useCalendar(calendar);
	rebuildSlots(parts, parts.deps.clock.now(), prepared);
	parts.timer.arm();
	parts.watch.replan();
	parts.events.emit('calendar-changed', {calendar});
	parts.changed('jobs', 'config');
}

/**
 * A reading of jobs.yaml refused: its problems shown until one applies. `inUse`: what runs meanwhile, for
 * the log (`the last good job list, from …, is in use` at a start on it).
 */
export function reportConfigProblems(parts: ReloadParts, problems: readonly ConfigProblem[], inUse = 'the previous jobs keep running'): void {
	parts.state.configProblems = problems;
	parts.say('error', `config not applied, ${problems.length} problem${problems.length === 1 ? '' : 's'}; ${inUse}`);
	for (const problem of problems) {
		parts.say('error', formatProblem(problem));
	}

	parts.events.emit('config-invalid', {problems: [...problems]});
	parts.changed('config');
}
