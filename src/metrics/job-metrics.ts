/**
 * Jobs in /metrics, read from the snapshot when scraped: runs running and queued, each job's next
 * fire, whether it is overdue or paused, and its heartbeat. Labels are job ids from jobs.yaml.
 */
import {Gauge, type Registry} from 'prom-client';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import type {ServiceState} from '../supervisor/service-states.js';
import {seconds} from './seconds.js';

/** A service's states while the process of its run lives (its run is `running` in history). */
const serviceRunning: ReadonlySet<ServiceState> = new Set(['starting', 'up', 'stopping']);

export function registerJobMetrics(registry: Registry, snapshot: () => SchedulerSnapshot): void {
	const registers = [registry];
	new Gauge({
		name: 'sage_runs_running', help: 'Runs running now, by job (a service\'s start under its id: 1 while its process runs)', labelNames: ['job'], registers,
		collect() {
			this.reset();
			const {jobs, live, services} = snapshot();
			for (const job of jobs) {
				this.set({job: job.id}, 0);
			}

			for (const run of live.filter(run => run.status === 'running')) {
				this.inc({job: run.jobId});
			}

			// Every series at 0 when nothing runs, as for jobs; services' runs are counted in sage_runs_total under their ids too.
			for (const service of services ?? []) {
				this.set({job: service.id}, serviceRunning.has(service.state) ? 1 : 0);
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
		name: 'sage_job_next_fire_timestamp_seconds', help: 'The job\'s next fire time (Unix time); absent while it or the whole scheduler is paused, disabled or never firing', labelNames: ['job'], registers,
		collect() {
			this.reset();
			const {scheduler, jobs} = snapshot();
			if (scheduler.paused) {
				// Nothing fires: the snapshot's next fires stand still and slip into the past.
				return;
			}

			for (const job of jobs) {
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
}
