/**
 * /metrics follows the config files a running scheduler reads again, seen as Prometheus sees it: a
 * real headless scheduler with its HTTP API, jobs.yaml and notify_config.json edited while it runs, and
 * /metrics read over HTTP.
 */
import {chmodSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {scrapeMetrics, scrapeUntil, seriesValue, startHeadlessWithApi} from '../helpers/headless-api.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** The lines of /metrics that name `job`. */
const linesOf = (text: string, job: string) => text.split('\n').filter(line => line.includes(`job="${job}"`));

describe('/metrics after a jobs.yaml edit', () => {
	it('a job removed from jobs.yaml loses every series at the reload; added again, its counters start at 0 and its last success comes back from history', async () => {
		const both = 'jobs:\n  - {id: stays, trigger: manual, command: ["true"]}\n  - {id: gone, cron: "0 3 * * *", command: ["true"]}\n';
		const root = processes.makeRoot({'config/jobs.yaml': both});
		const jobsFile = path.join(root.dir, 'config/jobs.yaml');
		const {url} = await startHeadlessWithApi(processes, root.dir);
		expect(runCli(['run', 'gone', '--root', root.dir]).code).toBe(0);
		const before = await scrapeUntil(url, text => seriesValue(text, 'sage_runs_total', 'job="gone",status="success"') === 1, 'the run of gone counted');
		expect(seriesValue(before, 'sage_run_duration_seconds_count', 'job="gone"')).toBe(1);
		expect(seriesValue(before, 'sage_job_next_fire_timestamp_seconds', 'job="gone"')).toBeGreaterThan(0);
		const lastSuccess = seriesValue(before, 'sage_job_last_success_timestamp_seconds', 'job="gone"');
		expect(lastSuccess).toBeGreaterThan(0);

		writeFileSync(jobsFile, 'jobs:\n  - {id: stays, trigger: manual, command: ["true"]}\n');
		const after = await scrapeUntil(url, text => seriesValue(text, 'sage_job_paused', 'job="gone"') === undefined, 'gone to leave the gauges read from the snapshot');
		expect(linesOf(after, 'gone')).toEqual([]);
		expect(seriesValue(after, 'sage_runs_total', 'job="stays",status="failed"')).toBe(0);

		writeFileSync(jobsFile, both);
		const again = await scrapeUntil(url, text => seriesValue(text, 'sage_job_paused', 'job="gone"') !== undefined, 'gone back in /metrics');
		for (const status of ['success', 'failed', 'timeout', 'interrupted', 'cancelled']) {
			expect(seriesValue(again, 'sage_runs_total', `job="gone",status="${status}"`)).toBe(0);
		}

		expect(seriesValue(again, 'sage_fires_missed_total', 'job="gone"')).toBe(0);
		expect(seriesValue(again, 'sage_run_duration_seconds_count', 'job="gone"')).toBeUndefined();
		// Its last success is in history: the staleness alert (time() - last success) must not go blind until the next one.
		await scrapeUntil(url, text => seriesValue(text, 'sage_job_last_success_timestamp_seconds', 'job="gone"') === lastSuccess, 'gone\'s last success back from history');
		expect(runCli(['run', 'gone', '--root', root.dir]).code).toBe(0);
		await scrapeUntil(url, text => seriesValue(text, 'sage_runs_total', 'job="gone",status="success"') === 1, 'the re-added job\'s first run counted from 0');
		expect(seriesValue(await scrapeMetrics(url), 'sage_run_duration_seconds_count', 'job="gone"')).toBe(1);
	});
});

describe('/metrics and the services of jobs.yaml', () => {
	it('a service\'s sage_runs_total starts at 0; removed from jobs.yaml, it loses its series as a removed job does', async () => {
		const withService = 'jobs:\n  - {id: stays, trigger: manual, command: ["true"]}\nservices:\n  - {id: feed, command: ["sleep", "600"], window: always}\n';
		const root = processes.makeRoot({'config/jobs.yaml': withService});
		const jobsFile = path.join(root.dir, 'config/jobs.yaml');
		const {url} = await startHeadlessWithApi(processes, root.dir);
		const up = await scrapeUntil(url, text => seriesValue(text, 'sage_service_state', 'service="feed",state="up"') === 1, 'feed up');
		// Its first crash must show as an increase from 0, for SageJobFailing.
		expect(seriesValue(up, 'sage_runs_total', 'job="feed",status="failed"')).toBe(0);

		expect(runCli(['restart', 'feed', '--root', root.dir]).code).toBe(0);
		await scrapeUntil(url, text => seriesValue(text, 'sage_runs_total', 'job="feed",status="success"') === 1, 'the restart\'s end of feed counted');
		writeFileSync(jobsFile, 'jobs:\n  - {id: stays, trigger: manual, command: ["true"]}\n');
		await scrapeUntil(url, text => seriesValue(text, 'sage_service_in_window', 'service="feed"') === undefined, 'feed gone from the snapshot\'s gauges');
		const after = await scrapeUntil(url, text => linesOf(text, 'feed').length === 0, 'every series of feed gone');
		expect(seriesValue(after, 'sage_runs_total', 'job="stays",status="failed"')).toBe(0);
	});
});

describe('/metrics at the start', () => {
	it('a job whose last run failed shows its last success from history', async () => {
		const root = processes.makeRoot();
		const failFlag = path.join(root.dir, 'fail-now');
		root.write('config/jobs.yaml', `jobs:\n  - {id: flaky, trigger: manual, command: ["sh", "-c", "test ! -e '${failFlag}'"]}\n`);
		const first = await startHeadlessWithApi(processes, root.dir);
		expect(runCli(['run', 'flaky', '--root', root.dir]).code).toBe(0);
		const succeeded = await scrapeUntil(first.url, text => seriesValue(text, 'sage_runs_total', 'job="flaky",status="success"') === 1, 'the success of flaky counted');
		const lastSuccess = seriesValue(succeeded, 'sage_job_last_success_timestamp_seconds', 'job="flaky"');
		expect(lastSuccess).toBeGreaterThan(0);
		writeFileSync(failFlag, '');
		runCli(['run', 'flaky', '--root', root.dir]);
		await scrapeUntil(first.url, text => seriesValue(text, 'sage_runs_total', 'job="flaky",status="failed"') === 1, 'the failure of flaky counted');
		first.app.child.kill('SIGTERM');
		await first.app.exited;

		const second = await startHeadlessWithApi(processes, root.dir);
		await scrapeUntil(second.url, text => seriesValue(text, 'sage_job_last_success_timestamp_seconds', 'job="flaky"') === lastSuccess, 'flaky\'s last success from history after the start');
	});
});

/** The sage_alert_deliveries_total series in /metrics, as `channel/outcome value`. */
const deliverySeries = (text: string) => text.split('\n')
	.map(line => /^sage_alert_deliveries_total\{channel="(\w+)",outcome="(\w+)"\} (\d+)$/.exec(line))
	.filter(match => match !== null)
	.map(match => `${match[1]}/${match[2]} ${match[3]}`)
	.sort();

describe('/metrics and notify_config.json', () => {
	it('sage_alert_deliveries_total is at 0 for the channels configured only, and follows an edit of the file', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: one, trigger: manual, command: ["true"]}\n'});
		const notifyFile = path.join(root.dir, 'config/notify_config.json');
		const writeNotify = (channels: Record<string, unknown>) => {
			writeFileSync(notifyFile, JSON.stringify({channels, delivery: {attempts: 1, backoff_ms: 100, timeout_ms: 1000}}));
			chmodSync(notifyFile, 0o600);
		};

		writeNotify({webhook: {url: 'http://127.0.0.1:9/hook'}});
		const {url} = await startHeadlessWithApi(processes, root.dir);
		expect(deliverySeries(await scrapeMetrics(url))).toEqual(['webhook/failed 0', 'webhook/sent 0']);

		writeNotify({dingtalk: {webhook: 'http://127.0.0.1:9/ding'}, wecom: {webhook: 'http://127.0.0.1:9/wecom'}});
		const edited = await scrapeUntil(url, text => deliverySeries(text).some(line => line.startsWith('dingtalk/')), 'the channels of the edited file');
		expect(deliverySeries(edited)).toEqual(['dingtalk/failed 0', 'dingtalk/sent 0', 'wecom/failed 0', 'wecom/sent 0']);

		rmSync(notifyFile);
		const none = await scrapeUntil(url, text => deliverySeries(text).length === 0, 'no channel once the file is gone');
		expect(none).toContain('# TYPE sage_alert_deliveries_total counter');
	});

	it('a channel dropped from the file does not come back when a delivery queued for it before goes out later', async () => {
		// A webhook receiver that holds its answer until the test lets it go.
		const held: ServerResponse[] = [];
		const receiver = createServer((request, response) => {
			request.resume();
			request.on('end', () => held.push(response));
		});
		await new Promise<void>(resolve => {
			receiver.listen(0, '127.0.0.1', resolve);
		});
		try {
			const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
			const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: breaks, trigger: manual, command: ["false"]}\n'});
			const notifyFile = path.join(root.dir, 'config/notify_config.json');
			const writeNotify = (channels: Record<string, unknown>) => {
				writeFileSync(notifyFile, JSON.stringify({channels, delivery: {attempts: 1, backoff_ms: 100, timeout_ms: 30_000}}));
				chmodSync(notifyFile, 0o600);
			};

			writeNotify({webhook: {url: hook}});
			const {url} = await startHeadlessWithApi(processes, root.dir);
			const runId = ((await (await fetch(`${url}/v1/jobs/breaks/run`, {method: 'POST'})).json()) as {runId: number}).runId;
			await waitFor(() => held.length === 1, 20_000, 'the failure alert at the webhook');

			// The operator drops the webhook while its delivery is under way.
			writeNotify({wecom: {webhook: 'http://127.0.0.1:9/wecom'}});
			await scrapeUntil(url, text => !deliverySeries(text).some(line => line.startsWith('webhook/')), 'the webhook\'s series gone');
			held[0]!.writeHead(200).end('ok');
			const webhookSent = async () => {
				const {notifications} = await (await fetch(`${url}/v1/runs/${runId}`)).json() as {notifications: Array<{channel: string; status: string}>};
				return notifications.some(notification => notification.channel === 'webhook' && notification.status === 'sent');
			};

			for (const deadline = Date.now() + 20_000; !(await webhookSent());) {
				expect(Date.now(), 'the queued delivery sent').toBeLessThan(deadline);
				await new Promise(resolve => {
					setTimeout(resolve, 100);
				});
			}
			// The delivery's event reaches the API's thread before the answer to a later scrape's snapshot request.
			expect(deliverySeries(await scrapeMetrics(url))).toEqual(['wecom/failed 0', 'wecom/sent 0']);
		} finally {
			receiver.closeAllConnections();
			receiver.close();
		}
	});
});
