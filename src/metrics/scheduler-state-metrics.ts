/**
 * The scheduler itself in /metrics, read from the snapshot when scraped: up, paused, a refused
 * jobs.yaml (an edit, or the file at a start on the last good job list), standing notices, and how late a timer can fire now.
 */
import {Gauge, type Registry} from 'prom-client';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import {seconds} from './seconds.js';

export function registerSchedulerStateMetrics(registry: Registry, snapshot: () => SchedulerSnapshot): void {
	const registers = [registry];
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
		name: 'sage_config_problems', help: 'Problems of the last jobs.yaml edit the scheduler refused (the jobs loaded before keep running), or of the file it started without (broken, missing or unreadable: the last good job list runs); 0 once an edit applies', registers,
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
}
