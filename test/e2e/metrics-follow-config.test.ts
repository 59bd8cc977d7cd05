/**
 * /metrics follows the config files a running scheduler reads again, seen as Prometheus sees it: a
 * real headless scheduler with its HTTP API, jobs.yaml and notify_config.json edited while it runs, and
 * /metrics read over HTTP.
 */
import {chmodSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {scrapeMetrics, scrapeUntil, seriesValue, startHeadlessWithApi} from '../helpers/headless-api.js';

const processes = trackHeadlessProcesses();

/** The lines of /metrics that name `job`. */
const linesOf = (text: string, job: string) => text.split('\n').filter(line => line.includes(`job="${job}"`));

describe('/metrics after a jobs.yaml edit', () => {
	it('a job removed from jobs.yaml loses every series at the reload; added again, it starts at 0', async () => {
		const both = 'jobs:\n  - {id: stays, trigger: manual, command: ["true"]}\n  - {id: gone, cron: "0 3 * * *", command: ["true"]}\n';
		const root = processes.makeRoot({'config/jobs.yaml': both});
		const jobsFile = path.join(root.dir, 'config/jobs.yaml');
		const {url} = await startHeadlessWithApi(processes, root.dir);
		expect(runCli(['run', 'gone', '--root', root.dir]).code).toBe(0);
		const before = await scrapeUntil(url, text => seriesValue(text, 'sage_runs_total', 'job="gone",status="success"') === 1, 'the run of gone counted');
		expect(seriesValue(before, 'sage_run_duration_seconds_count', 'job="gone"')).toBe(1);
		expect(seriesValue(before, 'sage_job_next_fire_timestamp_seconds', 'job="gone"')).toBeGreaterThan(0);
		expect(seriesValue(before, 'sage_job_last_success_timestamp_seconds', 'job="gone"')).toBeGreaterThan(0);

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
		expect(seriesValue(again, 'sage_job_last_success_timestamp_seconds', 'job="gone"')).toBeUndefined();
		expect(runCli(['run', 'gone', '--root', root.dir]).code).toBe(0);
		await scrapeUntil(url, text => seriesValue(text, 'sage_runs_total', 'job="gone",status="success"') === 1, 'the re-added job\'s first run counted from 0');
		expect(seriesValue(await scrapeMetrics(url), 'sage_run_duration_seconds_count', 'job="gone"')).toBe(1);
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
});
