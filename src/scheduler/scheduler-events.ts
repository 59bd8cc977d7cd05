import type {JobDefinition} from '../core/job-definition.js';
import type {RunRecord} from '../core/run-record.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {Events} from '../protocol/messages.js';

/**
 * What the scheduler tells its host: the protocol's events (the host relays them to clients) plus two
 * of its own — a run's whole record at its end (for alerts and metrics), and `changed` (the snapshot
 * moved; the host reads it at its own pace).
 */
export type SchedulerEvents = Omit<Events, 'snapshot-changed'> & {
	/** `nextAttempt`: not the last word on this fire (a retry is due, or a worker's run was handed over). */
	'run-ended': {record: RunRecord; job: JobDefinition; nextAttempt: boolean};
	changed: undefined;
	stopped: undefined;
	/** A due fire: how late it was (metrics). */
	fired: {jobId: string; lateMs: number};
	/** Fire times that passed without a run (a clock jump, a suspended machine, or while stopped). */
	'fires-missed': {jobId: string; count: number};
	/** A re-read config/calendar.yaml is the calendar in use from now on (the services' windows follow it). */
	'calendar-changed': {calendar: TradingCalendar};
};
