/**
 * The counters and histograms of /metrics, fed by the protocol's events as they happen (from the
 * scheduler's start: the host keeps what comes before the API's connection subscribes, early-events.ts):
 * runs ended and their durations, fires skipped and missed, fire lateness, job alerts, notification
 * deliveries, and each job's last success. The counters the
 * alert rules watch start at 0 (see counter-zeros.ts), so a rule's `increase(...) > 0` sees the first one.
 * A job a reload removes from jobs.yaml loses its series at once; added again, its counters start at 0
 * and its last success comes back from history. A channel notify_config.json no longer names loses
 * its delivery series; a delivery to it already queued still goes out but brings no series back.
 */
import {Counter, Gauge, Histogram, type Registry} from 'prom-client';
import {runStatuses} from '../core/run-record.js';
import type {JobAlertKind} from '../protocol/messages.js';
import {countedRunStatuses, retryingStatus, zeroCounters} from './counter-zeros.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import type {DeliveryOutcome, MetricSources} from './metric-sources.js';
import {seconds} from './seconds.js';

/** Every kind of job alert, so a removed job's `sage_job_alerts_total` series can all be named. */
const alertKinds = Object.keys({
	'deadline-missed': true, 'deadline-met': true, 'max-duration': true, 'heartbeat-late': true, 'heartbeat-down': true, 'heartbeat-up': true,
} satisfies Record<JobAlertKind, true>) as JobAlertKind[];

export class EventMetrics {
	private readonly detach: Array<() => void> = [];
	private readonly lastSuccess: Gauge;
	private readonly deliveries: Counter;
	/** The channels whose delivery counters are shown (configured when last told). */
	private channels: readonly string[] = [];
	/** Channels dropped from notify_config.json: a delivery queued for one before is not counted (no series comes back). */
	private readonly droppedChannels = new Set<string>();
	/** The series labelled by job: those a removed job loses (the counters among them start at 0). */
	private readonly perJob: {runs: Counter; duration: Histogram; skipped: Counter; missed: Counter; alerts: Counter};
	/** Jobs a reload removed: a run of theirs still ending later is not counted (no series comes back). */
	private readonly removed = new Set<string>();
	/** The services of jobs.yaml when last told (a snapshot's): their runs are counted under their ids. */
	private services: readonly string[] = [];
	/** Jobs whose last success was told by a run's end (newer than history's). */
	private readonly seeded = new Set<string>();

	constructor(registry: Registry, private readonly sources: Pick<MetricSources, 'events' | 'now' | 'lastSuccessAt'>) {
		const registers = [registry];
		const runs = new Counter({name: 'sage_runs_total', help: 'Runs ended, by job and status (retrying: an attempt that did not succeed, with its retry still to come; failed, timeout, interrupted: final)', labelNames: ['job', 'status'], registers});
		const duration = new Histogram({
			name: 'sage_run_duration_seconds', help: 'Duration of ended runs (that started), by job', labelNames: ['job'], registers,
			buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200],
		});
		const skipped = new Counter({name: 'sage_fires_skipped_total', help: 'Runs not started because of the job\'s concurrency policy (or a stopping scheduler)', labelNames: ['job'], registers});
		const missed = new Counter({name: 'sage_fires_missed_total', help: 'Fire times that passed without a run (clock jump, suspended machine, or missed while stopped and not caught up)', labelNames: ['job'], registers});
		const lateness = new Histogram({name: 'sage_fire_lateness_seconds', help: 'How late due fires were handled', registers, buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5]});
		const alerts = new Counter({name: 'sage_job_alerts_total', help: 'Deadline, max_duration and heartbeat alerts raised, by job and kind', labelNames: ['job', 'kind'], registers});
		this.deliveries = new Counter({name: 'sage_alert_deliveries_total', help: 'Notification deliveries, by channel and outcome', labelNames: ['channel', 'outcome'], registers});
		this.perJob = {runs, duration, skipped, missed, alerts};
		this.lastSuccess = new Gauge({name: 'sage_job_last_success_timestamp_seconds', help: 'When the job last succeeded (Unix time)', labelNames: ['job'], registers});
		this.detach.push(
			sources.events.on('run-finished', record => {
				if (record.status === 'skipped' || this.removed.has(record.jobId)) {
					return;
				}

				// An attempt with a retry still to come is no failure yet (nor is it notified as one).
				runs.inc({job: record.jobId, status: record.nextAttempt ? retryingStatus : record.status});
				if (record.durationMs !== undefined && record.startedAt !== undefined) {
					duration.observe({job: record.jobId}, seconds(record.durationMs));
				}

				if (record.status === 'success') {
					this.seeded.add(record.jobId);
					this.lastSuccess.set({job: record.jobId}, seconds(record.finishedAt ?? sources.now()));
				}
			}),
			// A failure counted as retrying at its end, final later (a pause, a reload or a start dropped its next
			// attempt): counted under its status now, when its alert is sent; its duration was observed at its end.
			sources.events.on('run-failure-final', ({jobId, status}) => !this.removed.has(jobId) && runs.inc({job: jobId, status})),
			sources.events.on('run-skipped', run => !this.removed.has(run.jobId) && skipped.inc({job: run.jobId})),
			sources.events.on('fires-missed', ({jobId, count}) => !this.removed.has(jobId) && missed.inc({job: jobId}, count)),
			sources.events.on('fired', ({lateMs}) => lateness.observe(seconds(Math.max(lateMs, 0)))),
			sources.events.on('job-alert', alert => !this.removed.has(alert.jobId) && alerts.inc({job: alert.jobId, kind: alert.kind})),
			sources.events.on('alert-delivered', ({channel, outcome}) => this.delivered({channel, status: outcome})),
			sources.events.on('config-reloaded', ({added, removed}) => {
				this.forgetJobs(removed);
				this.startJobs(added);
				void this.recallLastSuccesses(added);
			}),
		);
	}

	/** Jobs known (jobs.yaml at the start, or added by a reload): their run, skip and miss counters at 0 unless counted already. */
	startJobs(jobIds: readonly string[]): void {
		const {runs, skipped, missed} = this.perJob;
		for (const job of jobIds) {
			this.removed.delete(job);
		}

		zeroCounters(runs, jobIds.flatMap(job => countedRunStatuses.map(status => ({job, status}))));
		zeroCounters(skipped, jobIds.map(job => ({job})));
		zeroCounters(missed, jobIds.map(job => ({job})));
	}

	/** Jobs removed from jobs.yaml: every series labelled with them goes from /metrics. */
	forgetJobs(jobIds: readonly string[]): void {
		const {runs, duration, skipped, missed, alerts} = this.perJob;
		for (const job of jobIds) {
			this.removed.add(job);
			this.seeded.delete(job);
			for (const status of new Set([...runStatuses, ...countedRunStatuses])) {
				runs.remove({job, status});
			}

			for (const kind of alertKinds) {
				alerts.remove({job, kind});
			}

			duration.remove({job});
			skipped.remove({job});
			missed.remove({job});
			this.lastSuccess.remove({job});
		}
	}

	/**
	 * Last successes known from history when the metrics start: a snapshot's last run when it is one,
	 * else the job's newest success in history (a job whose last run failed still has one).
	 */
	seedLastSuccesses(snapshot: SchedulerSnapshot): void {
		this.startJobs(snapshot.jobs.map(job => job.id));
		const toRecall: string[] = [];
		for (const job of snapshot.jobs) {
			if (job.lastRun?.status === 'success' && job.lastRun.finishedAt !== undefined) {
				this.showLastSuccess(job.id, job.lastRun.finishedAt);
			} else if (job.lastRun !== undefined) {
				toRecall.push(job.id);
			}
		}

		void this.recallLastSuccesses(toRecall);
	}

	/**
	 * The jobs' newest successes in history (jobs a reload adds, or added back): shown unless a run's end
	 * told a newer one meanwhile or a reload removed the job again. Settles when all are read.
	 */
	async recallLastSuccesses(jobIds: readonly string[]): Promise<void> {
		await Promise.all(jobIds.map(async job => {
			// A failed request (the scheduler stopping) leaves the gauge absent, as before the job succeeds.
			const at = await this.sources.lastSuccessAt?.(job).catch(() => undefined);
			if (at !== undefined) {
				this.showLastSuccess(job, at);
			}
		}));
	}

	private showLastSuccess(job: string, finishedAt: number): void {
		if (!this.seeded.has(job) && !this.removed.has(job)) {
			this.lastSuccess.set({job}, seconds(finishedAt));
		}
	}

	/**
	 * The services in jobs.yaml now (a snapshot's; a reload names only jobs): a new one's `sage_runs_total`
	 * starts at 0, so its first crash is an increase; one no longer there loses its series, as a removed job does.
	 */
	showServices(serviceIds: readonly string[]): void {
		this.forgetJobs(this.services.filter(id => !serviceIds.includes(id)));
		const added = serviceIds.filter(id => !this.services.includes(id));
		for (const id of added) {
			this.removed.delete(id);
		}

		zeroCounters(this.perJob.runs, added.flatMap(job => countedRunStatuses.map(status => ({job, status}))));
		this.services = [...serviceIds];
	}

	/**
	 * The notification channels configured now (a snapshot's `alertChannels`): their delivery counters
	 * start at 0; a channel no longer configured loses its series, and starts at 0 again once it is back.
	 */
	showChannels(channels: readonly string[]): void {
		for (const channel of this.channels.filter(name => !channels.includes(name))) {
			this.droppedChannels.add(channel);
			this.deliveries.remove({channel, outcome: 'sent'});
			this.deliveries.remove({channel, outcome: 'failed'});
		}

		for (const channel of channels) {
			this.droppedChannels.delete(channel);
		}

		this.channels = [...channels];
		zeroCounters(this.deliveries, channels.flatMap(channel => [{channel, outcome: 'sent'}, {channel, outcome: 'failed'}]));
	}

	/** A notification delivery's final outcome; not counted for a channel dropped from notify_config.json. */
	delivered(outcome: DeliveryOutcome): void {
		if (this.droppedChannels.has(outcome.channel)) {
			return;
		}

		this.deliveries.inc({channel: outcome.channel, outcome: outcome.status});
	}

	/** Stops counting the events. */
	close(): void {
		for (const off of this.detach.splice(0)) {
			off();
		}
	}
}
