/** What the metrics read: the scheduler's events and snapshot, the market, and alert deliveries. */
import type {MarketPhase} from '../market/market-session.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import type {SchedulerEvents} from '../scheduler/scheduler-events.js';

export type MetricSources = {
	/** The scheduler's event map (the host's view of it: runs' whole records, fires, alerts). */
	events: {on<K extends keyof SchedulerEvents>(event: K, listener: (payload: SchedulerEvents[K]) => void): () => void};
	snapshot(): SchedulerSnapshot;
	market(now: number): {tradingDay: boolean; phase: MarketPhase};
	now(): number;
};

export type DeliveryOutcome = {channel: string; status: 'sent' | 'failed'};
