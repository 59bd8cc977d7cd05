/**
 * `/metrics` on a real host after real runs, read by a strict Prometheus text parser; and the metrics
 * of a scheduler on a fixed clock (missed and skipped fires, alerts, deliveries, the market).
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {MessageChannel} from 'node:worker_threads';
import {EventRelay} from '../../src/host/event-relay.js';
import {portTransport} from '../../src/host/port-transport.js';
import {createRequestHandler} from '../../src/host/request-handler.js';
import {metricEvents, protocolMetricSources} from '../../src/metrics/metric-sources.js';
import {SchedulerMetrics} from '../../src/metrics/scheduler-metrics.js';
import {SchedulerClient} from '../../src/protocol/client.js';
import {serveSession} from '../../src/protocol/server-session.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {marketPhase} from '../../src/market/market-session.js';
import {zonedDate} from '../../src/time/zoned-time.js';
import {Notifier} from '../../src/notify/notifier.js';
import {loadNotifySettings} from '../../src/notify/notify-settings.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {api, apiJobs, asController, asReader, endedRun, tokens} from '../http/api-fixtures.js';
import {startApiHost, type ApiHost} from '../http/api-host.js';
import {LocalReceiver} from '../http/local-receiver.js';
import {MemoryLogger, trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';
import {parsePrometheusText, sampleValue} from './prometheus-text.js';

let h: ApiHost;

beforeAll(async () => {
	h = await startApiHost(apiJobs.replace('body_limit: 64kb', 'body_limit: 64kb\n  metrics_public: true'), {tokens});
});

afterAll(async () => {
	await h.close();
});

async function scrape(url: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${url}/metrics`, {headers});
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
	return parsePrometheusText(await response.text());
}

describe('/metrics on a real host', () => {
	it('counts real runs by job and status, their durations, the live state and the defaults', async () => {
		for (const job of ['ok', 'ok', 'fails']) {
			const runId = (await api(h.url, 'POST', `/v1/jobs/${job}/run`, {headers: asController})).body.runId as number;
			await endedRun(h.url, runId);
		}

		const slow = (await api(h.url, 'POST', '/v1/jobs/slow/run', {headers: asController})).body.runId as number;
		expect((await api(h.url, 'POST', '/v1/jobs/slow/run', {headers: asController})).status).toBe(409);
		// metrics_public: no token needed.
		const scrapedFrom = Date.now();
		const metrics = await scrape(h.url);
		const scrapedTo = Date.now();
		expect(sampleValue(metrics, 'sage_runs_total', {job: 'ok', status: 'success'})).toBe(2);
		expect(sampleValue(metrics, 'sage_runs_total', {job: 'fails', status: 'failed'})).toBe(1);
		expect(sampleValue(metrics, 'sage_run_duration_seconds_count', {job: 'ok'})).toBe(2);
		expect(sampleValue(metrics, 'sage_run_duration_seconds_bucket', {job: 'ok', le: '+Inf'})).toBe(2);
		expect(sampleValue(metrics, 'sage_runs_running', {job: 'slow'})).toBe(1);
		expect(sampleValue(metrics, 'sage_runs_running', {job: 'ok'})).toBe(0);
		expect(sampleValue(metrics, 'sage_fires_skipped_total', {job: 'slow'})).toBe(1);
		const snapshot = h.host.scheduler.snapshot();
		const lastOk = snapshot.jobs.find(job => job.id === 'ok')!.lastRun!;
		expect(sampleValue(metrics, 'sage_job_last_success_timestamp_seconds', {job: 'ok'})).toBe(lastOk.finishedAt! / 1000);
		expect(sampleValue(metrics, 'sage_job_next_fire_timestamp_seconds', {job: 'nightly'})).toBe(snapshot.jobs.find(job => job.id === 'nightly')!.nextFireAt! / 1000);
		expect(sampleValue(metrics, 'sage_job_next_fire_timestamp_seconds', {job: 'ok'})).toBeUndefined();
		expect(sampleValue(metrics, 'sage_scheduler_up')).toBe(1);
		expect(sampleValue(metrics, 'sage_scheduler_paused')).toBe(0);
		expect(sampleValue(metrics, 'sage_scheduler_timer_lag_seconds')).toBeGreaterThanOrEqual(0);
		const calendar = createTradingCalendar();
		// The host read its clock during the scrape, this test before and after it: either side of a
		// midnight or a session's edge (09:30, 11:30…) both are right.
		const tradingDay = (at: number) => (calendar.isTradingDay(zonedDate(at, 'Asia/Shanghai')) ? 1 : 0);
		expect([tradingDay(scrapedFrom), tradingDay(scrapedTo)]).toContain(sampleValue(metrics, 'sage_trading_day'));
		const states = metrics.get('sage_market_state')!.samples;
		const shown = states.filter(sample => sample.value === 1).map(sample => sample.labels.state);
		expect(shown).toHaveLength(1);
		expect([marketPhase(scrapedFrom, calendar), marketPhase(scrapedTo, calendar)]).toContain(shown[0]);
		// No redis: in jobs.yaml: no workers' gauges at all (a `sage_redis_up 0` would look like Redis down).
		expect(metrics.has('sage_redis_up')).toBe(false);
		expect(metrics.has('sage_worker_runs')).toBe(false);
		expect(metrics.get('process_cpu_user_seconds_total')?.type).toBe('counter');
		expect(metrics.get('nodejs_heap_size_used_bytes')?.type).toBe('gauge');
		// Bounded labels: job ids, statuses, states — never a run id.
		for (const family of metrics.values()) {
			for (const sample of family.samples) {
				expect(Object.keys(sample.labels).every(label => ['job', 'status', 'kind', 'channel', 'outcome', 'state', 'le', 'version', 'major', 'minor', 'patch', 'space', 'type', 'kind'].includes(label))).toBe(true);
			}
		}

		await endedRun(h.url, slow);
		await api(h.url, 'POST', '/v1/scheduler/pause', {headers: asController});
		expect(sampleValue(await scrape(h.url), 'sage_scheduler_paused')).toBe(1);
		await api(h.url, 'POST', '/v1/scheduler/resume', {headers: asController});
		expect((await fetch(`${h.url}/metrics`, {headers: asReader})).status).toBe(200);
	});

	it('sage_config_problems counts the problems of a refused jobs.yaml edit, and is 0 once an edit applies', async () => {
		const file = path.join(h.root.dir, 'config/jobs.yaml');
		const good = readFileSync(file, 'utf8');
		expect(sampleValue(await scrape(h.url), 'sage_config_problems')).toBe(0);
		expect(sampleValue(await scrape(h.url), 'sage_notices')).toBe(0);
		writeFileSync(file, `${good}  - {id: typo, cron: "61 * * * *", command: ["true"]}\n  - {id: typo2, after: [ghost], command: ["true"]}\n`);
		expect((await api(h.url, 'POST', '/v1/reload', {headers: asController})).status).toBe(422);
		expect(sampleValue(await scrape(h.url), 'sage_config_problems')).toBe(2);
		writeFileSync(file, good);
		expect((await api(h.url, 'POST', '/v1/reload', {headers: asController})).status).toBe(200);
		expect(sampleValue(await scrape(h.url), 'sage_config_problems')).toBe(0);
	});

	it('heartbeat and overdue gauges follow pings', async () => {
		await api(h.url, 'POST', '/v1/heartbeats/beat/fail', {headers: asController});
		let metrics = await scrape(h.url);
		expect(sampleValue(metrics, 'sage_heartbeat_up', {job: 'beat'})).toBe(0);
		expect(sampleValue(metrics, 'sage_job_overdue', {job: 'beat'})).toBe(1);
		expect(sampleValue(metrics, 'sage_job_alerts_total', {job: 'beat', kind: 'heartbeat-down'})).toBe(1);
		await api(h.url, 'POST', '/v1/heartbeats/beat', {headers: asController});
		metrics = await scrape(h.url);
		expect(sampleValue(metrics, 'sage_heartbeat_up', {job: 'beat'})).toBe(1);
		expect(sampleValue(metrics, 'sage_job_overdue', {job: 'beat'})).toBe(0);
		expect(sampleValue(metrics, 'sage_heartbeat_last_ping_timestamp_seconds', {job: 'beat'})).toBeGreaterThan(0);
	});
});

/** A protocol client of a test scheduler over a real MessagePort, as the API's thread is one. */
async function protocolClient(t: TestScheduler): Promise<{client: SchedulerClient; relay: EventRelay}> {
	const info = {protocol: 1, pid: process.pid, startedAt: Date.now(), version: 'test', root: t.root.dir};
	const relay = new EventRelay(t.scheduler);
	const handler = createRequestHandler({scheduler: t.scheduler, relay, store: t.store, reload: async () => ({ok: true, problems: [], added: [], removed: [], changed: []}), notificationsFor: () => [], info});
	const channel = new MessageChannel();
	serveSession(portTransport(channel.port2), handler, relay, info);
	const {client} = await SchedulerClient.connect(portTransport(channel.port1), 'test metrics');
	return {client, relay};
}

describe('metrics of a scheduler on a fixed clock', () => {
	const makeScheduler = trackTestSchedulers();

	it('missed fires after a clock jump, fire lateness, alerts and deliveries by channel and outcome', async () => {
		const t = makeScheduler(`jobs:
  - {id: tick, cron: "* * * * *", command: ["true"], concurrency: allow}
  - {id: late_job, cron: "0 17 * * *", calendar: trading-days, command: ["false"], deadline: "17:05", notify: {on_failure: false}}
`, {now: Date.parse('2026-11-20T16:58:30+08:00')});
		const receiver = new LocalReceiver();
		const url = await receiver.start();
		receiver.status = 500;
		t.root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url, secret: 'metrics-secret-123'}}, delivery: {attempts: 2, backoff_ms: 10, timeout_ms: 2000}}));
		const notifier = new Notifier(loadNotifySettings(path.join(t.root.dir, 'config/notify_config.json'), path.join(t.root.dir, 'config/user_config.json')), new SqliteNotificationStore(openDatabase(path.join(t.root.dir, 'data/sage.db'))), new MemoryLogger());
		notifier.attach(t.scheduler);
		// The metrics as the API's thread builds them: a protocol client over a MessagePort, subscribed to their events.
		const {client, relay} = await protocolClient(t);
		notifier.onDelivery(result => relay.publish('alert-delivered', {channel: result.channel, outcome: result.status}));
		const metrics = new SchedulerMetrics(protocolMetricSources(client, () => t.clock.now()));
		await client.request('subscribe', {tailLines: 0, events: [...metricEvents]});
		try {
			t.scheduler.start();
			t.clock.advance(60_000);
			// The wall clock jumps 10 minutes: nine fire times of `tick` pass unfired (coalesced into one run).
			t.clock.jump(10 * 60_000);
			await notifier.idle();
			const parsed = parsePrometheusText(await metrics.text());
			expect(sampleValue(parsed, 'sage_fires_missed_total', {job: 'tick'})).toBe(9);
			expect(sampleValue(parsed, 'sage_fire_lateness_seconds_count')).toBeGreaterThanOrEqual(2);
			// 17:05 on a trading day is the deadline of late_job (due at 17:00), which had not succeeded by then.
			expect(sampleValue(parsed, 'sage_job_alerts_total', {job: 'late_job', kind: 'deadline-missed'})).toBe(1);
			expect(sampleValue(parsed, 'sage_alert_deliveries_total', {channel: 'webhook', outcome: 'failed'})).toBe(1);
			expect(sampleValue(parsed, 'sage_trading_day')).toBe(1);
			expect(parsed.get('sage_market_state')!.samples.find(sample => sample.value === 1)?.labels.state).toBe('closed');
			expect(receiver.received.length).toBe(2);
		} finally {
			metrics.close();
			client.close();
			await receiver.stop();
		}
	});
});
