/**
 * Runs on workers in /metrics, read from the snapshot when scraped: whether Redis answers, the
 * workers by state, each worker queue's depth. Labels are states and queue names (from jobs.yaml and
 * the workers' --queues), never worker names: those change with every worker restart.
 */
import {Gauge, type Registry} from 'prom-client';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';

/**
 * Registers the workers' gauges; the returned function, called before each scrape, shows the two
 * without labels only while jobs.yaml has `redis:` (a reset gauge without labels would still print 0,
 * and `sage_redis_up 0` on a box without workers would set off every "Redis is down" alert).
 */
export function registerWorkerMetrics(registry: Registry, snapshot: () => SchedulerSnapshot): (redisConfigured: boolean) => void {
	const registers = [registry];
	const redisUp = new Gauge({
		name: 'sage_redis_up', help: '1 while Redis for runs on workers answers, 0 while it does not (absent without redis: in jobs.yaml)', registers: [],
		collect() {
			this.reset();
			const remote = snapshot().remote;
			if (remote) {
				this.set(remote.reachable ? 1 : 0);
			}
		},
	});
	new Gauge({
		name: 'sage_workers', help: 'sage-console worker processes heard of, by state (online: heartbeat current; stopping; offline)', labelNames: ['state'], registers,
		collect() {
			this.reset();
			const remote = snapshot().remote;
			if (remote) {
				const count = (state: string) => remote.workers.filter(worker => (worker.online ? (worker.stopping ? 'stopping' : 'online') : 'offline') === state).length;
				for (const state of ['online', 'stopping', 'offline']) {
					this.set({state}, count(state));
				}
			}
		},
	});
	const workerRuns = new Gauge({
		name: 'sage_worker_runs', help: 'Runs being carried out on online workers (absent without redis: in jobs.yaml)', registers: [],
		collect() {
			this.reset();
			const remote = snapshot().remote;
			if (remote) {
				this.set(remote.workers.filter(worker => worker.online).reduce((sum, worker) => sum + worker.runs.length, 0));
			}
		},
	});
	new Gauge({
		name: 'sage_worker_queue_runs', help: 'Runs on each worker queue by state (waiting, active, delayed), as BullMQ counts them', labelNames: ['queue', 'state'], registers,
		collect() {
			this.reset();
			for (const queue of snapshot().remote?.queues ?? []) {
				this.set({queue: queue.name, state: 'waiting'}, queue.waiting);
				this.set({queue: queue.name, state: 'active'}, queue.active);
				this.set({queue: queue.name, state: 'delayed'}, queue.delayed);
			}
		},
	});

	const onlyWithRedis = [{name: 'sage_redis_up', gauge: redisUp}, {name: 'sage_worker_runs', gauge: workerRuns}];
	return redisConfigured => {
		for (const {name, gauge} of onlyWithRedis) {
			const shown = registry.getSingleMetric(name) !== undefined;
			if (redisConfigured && !shown) {
				registry.registerMetric(gauge);
			} else if (!redisConfigured && shown) {
				registry.removeSingleMetric(name);
			}
		}
	};
}
