/**
 * What changes over a scheduler's life, one object its parts share by reference: the config and what
 * was wrong with it, the calendar in use, the workers' view, the alert channels, and where the scheduler is between its
 * start and its stop.
 */
import type {ConfigProblem} from '../config/config-problem.js';
import type {SchedulerConfig} from '../core/job-definition.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {RemoteView} from '../protocol/snapshot.js';

export type SchedulerPhase = 'idle' | 'running' | 'stopping' | 'stopped';

export type SchedulerState = {
	config: SchedulerConfig;
	/** The problems of the last config edit that failed validation (the jobs before it keep running). */
	configProblems: readonly ConfigProblem[];
	configWarnings: readonly ConfigProblem[];
	/** The trading calendar in use: `deps.calendar` until a reload hands over another (setCalendar). */
	calendar: TradingCalendar;
	/** Runs on workers as the remote executor last saw them (Redis, workers, queue depths). */
	remoteView: RemoteView | undefined;
	/** The notification channels configured, as the host's notifier last told them (setAlertChannels). */
	alertChannels: readonly string[];
	phase: SchedulerPhase;
	readonly startedAt: number;
};
