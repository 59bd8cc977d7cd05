/**
 * Supervised services in /metrics, read from the snapshot when scraped: each service's state as a
 * 1 among its states (as sage_market_state is), whether it is in its window (0 while disabled), its restarts today (a
 * gauge that midnight resets, kept for the dashboards that read it) and its restarts in all, a counter
 * that only grows while the scheduler runs, so `increase(...[1h])` holds across midnight.
 * Labels are service ids from jobs.yaml and the fixed list of states. Absent without `services:`.
 */
import {Counter, Gauge, type Registry} from 'prom-client';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import {serviceStates} from '../supervisor/service-states.js';

export function registerServiceMetrics(registry: Registry, snapshot: () => SchedulerSnapshot): void {
	const registers = [registry];
	new Gauge({
		name: 'sage_service_state', help: 'Each supervised service\'s state: 1 for the state it is in, 0 for the others (fatal: crash loop stopped, needs a manual start)', labelNames: ['service', 'state'], registers,
		collect() {
			this.reset();
			for (const service of snapshot().services ?? []) {
				for (const state of serviceStates) {
					this.set({service: service.id, state}, service.state === state ? 1 : 0);
				}
			}
		},
	});
	new Gauge({
		name: 'sage_service_in_window', help: 'Whether the service should be up now: 1 while its window is open, 0 outside it and while the service is disabled', labelNames: ['service'], registers,
		collect() {
			this.reset();
			for (const service of snapshot().services ?? []) {
				// A disabled service is in no window it should be up in, so "in window and not up" rules keep quiet for it.
				this.set({service: service.id}, service.enabled && service.inWindow ? 1 : 0);
			}
		},
	});
	new Gauge({
		name: 'sage_service_restarts_today', help: 'Automatic and operator restarts of the service today (the config\'s zone)', labelNames: ['service'], registers,
		collect() {
			this.reset();
			for (const service of snapshot().services ?? []) {
				this.set({service: service.id}, service.restartsToday);
			}
		},
	});
	new Counter({
		name: 'sage_service_restarts_total', help: 'Automatic and operator restarts of the service since the scheduler started (never reset at midnight)', labelNames: ['service'], registers,
		collect() {
			// The supervisor counts; the counter shows its count, born at 0 for each service.
			this.reset();
			for (const service of snapshot().services ?? []) {
				this.inc({service: service.id}, service.restartsSinceStart ?? 0);
			}
		},
	});
}
