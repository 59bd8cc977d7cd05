/**
 * What the metrics read, all of it through the protocol: its events (as they happen), the snapshot
 * and the market (when scraped). The metrics live on the HTTP API's thread and never touch the
 * scheduler's objects.
 */
import type {EventName, Events, MarketView, Method, ParamsOf, ResultOf} from '../protocol/messages.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';

/**
 * The events the metrics count: a connection subscribes to these (`fired`, `fires-missed` and
 * `alert-delivered` are opt-in); `config-reloaded` names the jobs whose counters start at 0 and those whose series go;
 * `run-failure-final` (opt-in) a failure counted `retrying` at its end that is final later (its attempt dropped).
 */
export const metricEvents = ['run-finished', 'run-skipped', 'job-alert', 'fired', 'fires-missed', 'alert-delivered', 'config-reloaded', 'run-failure-final'] as const satisfies readonly EventName[];

export type MetricEventName = (typeof metricEvents)[number];

export type MetricSources = {
	/** A `SchedulerClient`'s events (subscribed to `metricEvents`). */
	events: {on<E extends MetricEventName>(name: E, listener: (data: Events[E]) => void): () => void};
	snapshot(): Promise<SchedulerSnapshot>;
	market(now: number): Promise<Pick<MarketView, 'tradingDay' | 'phase'>>;
	/** When the job's newest successful run in history finished (undefined: none kept); without it, last successes come from snapshots and runs' ends only. */
	lastSuccessAt?(jobId: string): Promise<number | undefined>;
	now(): number;
};

export type DeliveryOutcome = {channel: string; status: 'sent' | 'failed'};

type Requester = {request<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>};

/** The sources of a protocol client: `snapshot`, `market` and `lastSuccessAt` (one `history` query) are requests. */
export function protocolMetricSources(client: Requester & {on: MetricSources['events']['on']}, now: () => number = Date.now): MetricSources {
	return {
		events: client,
		snapshot: async () => client.request('snapshot', {}),
		market: async at => client.request('market', {at}),
		async lastSuccessAt(jobId) {
			const [run] = await client.request('history', {jobId, status: 'success', limit: 1});
			return run?.finishedAt;
		},
		now,
	};
}
