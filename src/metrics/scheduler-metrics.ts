/**
 * Prometheus metrics of one scheduler (prom-client, a registry of its own: no global state), kept on
 * the HTTP API's thread. Counters and histograms are fed by the protocol's events as they happen
 * (counting from when the API's connection subscribed); gauges are read from one snapshot and one
 * market request per scrape. Labels are job ids, statuses, channels and states — never run ids — so
 * the number of series is bounded by the jobs in jobs.yaml. Names and labels are in docs/http-api.md.
 */
import {Counter, Gauge, Histogram, Registry, collectDefaultMetrics} from 'prom-client';
import type {MarketPhase} from '../market/market-session.js';
import type {MarketView} from '../protocol/messages.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import type {DeliveryOutcome, MetricSources} from './metric-sources.js';
import {registerServiceMetrics} from './service-metrics.js';
import {registerWorkerMetrics} from './worker-metrics.js';

const marketPhases: readonly MarketPhase[] = ['pre-open', 'call-auction', 'trading', 'lunch-break', 'closing-auction', 'closed', 'holiday', 'weekend'];
const seconds = (ms: number) => ms / 1000;

export class SchedulerMetrics {
	readonly registry = new Registry();
	private readonly detach: Array<() => void> = [];
	private readonly lastSuccess: Gauge;
	private readonly deliveries: Counter;
	/** Jobs whose last success was told by a run's end (newer than history's). */
	private readonly seeded = new Set<string>();
	/** What this scrape reads: fetched once per scrape, before the registry collects. */
	private scraped: {snapshot: SchedulerSnapshot; market: Pick<MarketView, 'tradingDay' | 'phase'>} | undefined;
	/** Shows the workers' gauges without labels only while jobs.yaml has `redis:`. */
	private readonly showWorkerGauges: (redisConfigured: boolean) => void;
	/** One scrape at a time: the gauges read `scraped`. */
	private scraping: Promise<string> | undefined;

	constructor(private readonly sources: MetricSources) {
		const registers = [this.registry];
		collectDefaultMetrics({register: this.registry});
		const runs = new Counter({name: 'sage_runs_total', help: 'Runs ended, by job and final status', labelNames: ['job', 'status'], registers});
		const duration = new Histogram({
			name: 'sage_run_duration_seconds', help: 'Duration of ended runs (that started), by job', labelNames: ['job'], registers,
			buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200],
		});
		const skipped = new Counter({name: 'sage_fires_skipped_total', help: 'Runs not started because of the job\'s concurrency policy (or a stopping scheduler)', labelNames: ['job'], registers});
		const missed = new Counter({name: 'sage_fires_missed_total', help: 'Fire times that passed without a run (clock jump, suspended machine, or missed while stopped and not caught up)', labelNames: ['job'], registers});
		const lateness = new Histogram({name: 'sage_fire_lateness_seconds', help: 'How late due fires were handled', registers, buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5]});
		const alerts = new Counter({name: 'sage_job_alerts_total', help: 'Deadline, max_duration and heartbeat alerts raised, by job and kind', labelNames: ['job', 'kind'], registers});
		this.deliveries = new Counter({name: 'sage_alert_deliveries_total', help: 'Notification deliveries, by channel and outcome', labelNames: ['channel', 'outcome'], registers});
		this.lastSuccess = new Gauge({name: 'sage_job_last_success_timestamp_seconds', help: 'When the job last succeeded (Unix time)', labelNames: ['job'], registers});
		const snapshot = () => this.scraped!.snapshot;
		const market = () => this.scraped!.market;
		this.showWorkerGauges = registerWorkerMetrics(this.registry, snapshot);
		registerServiceMetrics(this.registry, snapshot);
		new Gauge({
			name: 'sage_runs_running', help: 'Runs running now, by job', labelNames: ['job'], registers,
			collect() {
				this.reset();
				for (const job of snapshot().jobs) {
					this.set({job: job.id}, 0);
				}

				for (const run of snapshot().live.filter(live => live.status === 'running')) {
					this.inc({job: run.jobId});
				}
			},
		});
		new Gauge({
			name: 'sage_runs_queued', help: 'Runs waiting for a slot, or for a worker (run_on: workers)', registers,
			collect() {
				this.set(snapshot().queuedTotal); // All of them: `live` lists only the first 50.
			},
		});
		new Gauge({
			name: 'sage_job_next_fire_timestamp_seconds', help: 'The job\'s next fire time (Unix time); absent while paused, disabled or never firing', labelNames: ['job'], registers,
			collect() {
				this.reset();
				for (const job of snapshot().jobs) {
					if (job.nextFireAt !== undefined) {
						this.set({job: job.id}, seconds(job.nextFireAt));
					}
				}
			},
		});
		new Gauge({
			name: 'sage_job_overdue', help: '1 while the job is past a deadline it has not made up, or its heartbeat is late or down', labelNames: ['job'], registers,
			collect() {
				this.reset();
				for (const job of snapshot().jobs) {
					this.set({job: job.id}, job.overdue ? 1 : 0);
				}
			},
		});
		new Gauge({
			name: 'sage_job_paused', help: '1 while the job is paused', labelNames: ['job'], registers,
			collect() {
				this.reset();
				for (const job of snapshot().jobs) {
					this.set({job: job.id}, job.paused ? 1 : 0);
				}
			},
		});
		new Gauge({
			name: 'sage_heartbeat_last_ping_timestamp_seconds', help: 'When a heartbeat job last pinged (Unix time)', labelNames: ['job'], registers,
			collect() {
				this.reset();
				for (const job of snapshot().jobs) {
					if (job.heartbeat?.lastPingAt !== undefined) {
						this.set({job: job.id}, seconds(job.heartbeat.lastPingAt));
					}
				}
			},
		});
		new Gauge({
			name: 'sage_heartbeat_up', help: '1 when a heartbeat job is up, 0 when new, late, down or paused', labelNames: ['job'], registers,
			collect() {
				this.reset();
				for (const job of snapshot().jobs) {
					if (job.heartbeat) {
						this.set({job: job.id}, job.heartbeat.state === 'up' ? 1 : 0);
					}
				}
			},
		});
		new Gauge({
			name: 'sage_scheduler_up', help: '1 while the scheduler runs (0 while it stops)', registers,
			collect() {
				this.set(snapshot().scheduler.stopping ? 0 : 1);
			},
		});
		new Gauge({
			name: 'sage_scheduler_paused', help: '1 while the whole scheduler is paused', registers,
			collect() {
				this.set(snapshot().scheduler.paused ? 1 : 0);
			},
		});
		new Gauge({
			name: 'sage_config_problems', help: 'Problems of the last jobs.yaml edit the scheduler refused (the jobs loaded before keep running); 0 once an edit applies', registers,
			collect() {
				this.set(snapshot().configProblems.length);
			},
		});
		new Gauge({
			name: 'sage_notices', help: 'Standing notices the console shows in its header (disk, database, notification config, a missing jobs file…)', registers,
			collect() {
				this.set(snapshot().notices.length);
			},
		});
		new Gauge({
			name: 'sage_scheduler_timer_lag_seconds', help: 'p99 event-loop delay of the scheduler\'s thread over the last seconds: how late a timer can fire now', registers,
			collect() {
				this.set(seconds(snapshot().loopDelayMs));
			},
		});
		new Gauge({
			name: 'sage_trading_day', help: '1 on an A-share trading day (Asia/Shanghai), else 0', registers,
			collect() {
				this.set(market().tradingDay ? 1 : 0);
			},
		});
		new Gauge({
			name: 'sage_market_state', help: 'The exchange\'s phase now: 1 for the current state, 0 for the others', labelNames: ['state'], registers,
			collect() {
				const {phase} = market();
				for (const state of marketPhases) {
					this.set({state}, state === phase ? 1 : 0);
				}
			},
		});
		this.detach.push(
			sources.events.on('run-finished', record => {
				if (record.status === 'skipped') {
					return;
				}

				runs.inc({job: record.jobId, status: record.status});
				if (record.durationMs !== undefined && record.startedAt !== undefined) {
					duration.observe({job: record.jobId}, seconds(record.durationMs));
				}

				if (record.status === 'success') {
					this.seeded.add(record.jobId);
					this.lastSuccess.set({job: record.jobId}, seconds(record.finishedAt ?? sources.now()));
				}
			}),
			sources.events.on('run-skipped', run => skipped.inc({job: run.jobId})),
			sources.events.on('fires-missed', ({jobId, count}) => missed.inc({job: jobId}, count)),
			sources.events.on('fired', ({lateMs}) => lateness.observe(seconds(Math.max(lateMs, 0)))),
			sources.events.on('job-alert', alert => alerts.inc({job: alert.jobId, kind: alert.kind})),
			sources.events.on('alert-delivered', ({channel, outcome}) => this.delivered({channel, status: outcome})),
		);
	}

	/** Last successes known from history (a snapshot's last runs), when the metrics start. */
	seedLastSuccesses(snapshot: SchedulerSnapshot): void {
		for (const job of snapshot.jobs) {
			if (job.lastRun?.status === 'success' && job.lastRun.finishedAt !== undefined && !this.seeded.has(job.id)) {
				this.lastSuccess.set({job: job.id}, seconds(job.lastRun.finishedAt));
			}
		}
	}

	/** A notification delivery's final outcome. */
	delivered(outcome: DeliveryOutcome): void {
		this.deliveries.inc({channel: outcome.channel, outcome: outcome.status});
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
		this.showWorkerGauges(snapshot.remote !== undefined);
		return this.registry.metrics();
	}

	close(): void {
		for (const off of this.detach.splice(0)) {
			off();
		}

		this.registry.clear();
	}
}
