/**
 * Prometheus metrics of one scheduler (prom-client, a registry of its own: no global state), kept on
 * the HTTP API's thread. Counters and histograms are fed by the protocol's events as they happen
 * (event-metrics.ts); gauges are read from one snapshot and one market request per scrape. Labels are
 * job ids, statuses, channels and states — never run ids — so the number of series is bounded by the
 * jobs in jobs.yaml. Names and labels are in docs/http-api.md.
 */
import {Registry, collectDefaultMetrics} from 'prom-client';
import type {MarketView} from '../protocol/messages.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import {EventMetrics} from './event-metrics.js';
import {registerJobMetrics} from './job-metrics.js';
import {registerMarketMetrics} from './market-metrics.js';
import type {DeliveryOutcome, MetricSources} from './metric-sources.js';
import {registerSchedulerStateMetrics} from './scheduler-state-metrics.js';
import {registerServiceMetrics} from './service-metrics.js';
import {registerWorkerMetrics} from './worker-metrics.js';

export class SchedulerMetrics {
	readonly registry = new Registry();
	private readonly events: EventMetrics;
	/** What this scrape reads: fetched once per scrape, before the registry collects. */
	private scraped: {snapshot: SchedulerSnapshot; market: Pick<MarketView, 'tradingDay' | 'phase'>} | undefined;
	/** Shows the workers' gauges without labels only while jobs.yaml has `redis:`. */
	private readonly showWorkerGauges: (redisConfigured: boolean) => void;
	/** One scrape at a time: the gauges read `scraped`. */
	private scraping: Promise<string> | undefined;

	constructor(private readonly sources: MetricSources) {
		collectDefaultMetrics({register: this.registry});
		// Registered in the order /metrics lists them.
		this.events = new EventMetrics(this.registry, sources);
		const snapshot = () => this.scraped!.snapshot;
		this.showWorkerGauges = registerWorkerMetrics(this.registry, snapshot);
		registerServiceMetrics(this.registry, snapshot);
		registerJobMetrics(this.registry, snapshot);
		registerSchedulerStateMetrics(this.registry, snapshot);
		registerMarketMetrics(this.registry, () => this.scraped!.market);
	}

	/** Last successes known from history (a snapshot's last runs, else a history query per job) and the alert channels, when the metrics start. */
	seedLastSuccesses(snapshot: SchedulerSnapshot): void {
		this.events.seedLastSuccesses(snapshot);
		if (snapshot.alertChannels) {
			this.events.showChannels(snapshot.alertChannels);
		}
	}

	/** A notification delivery's final outcome. */
	delivered(outcome: DeliveryOutcome): void {
		this.events.delivered(outcome);
	}

	get contentType(): string {
		return this.registry.contentType;
	}

	async text(): Promise<string> {
		this.scraping ??= this.scrape().finally(() => {
			this.scraping = undefined;
		});
		return this.scraping;
	}

	private async scrape(): Promise<string> {
		const [snapshot, market] = await Promise.all([this.sources.snapshot(), this.sources.market(this.sources.now())]);
		this.scraped = {snapshot, market};
		if (snapshot.alertChannels) {
			this.events.showChannels(snapshot.alertChannels);
		}

		this.events.showServices(snapshot.services?.map(service => service.id) ?? []);
		this.showWorkerGauges(snapshot.remote !== undefined);
		return this.registry.metrics();
	}

	close(): void {
		this.events.close();
		this.registry.clear();
	}
}
