/**
 * /metrics counts from the scheduler's start, not from when the API's thread subscribed a moment later:
 * a real headless scheduler stopped over a per-second job's fire times and started again, /metrics read
 * over HTTP.
 */
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {scrapeMetrics, seriesValue, startHeadlessWithApi} from '../helpers/headless-api.js';
import {trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe('/metrics from the scheduler\'s start', () => {
	it('fire times missed while the scheduler was down are in sage_fires_missed_total, though the start found them before the API listened', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "*/2 * * * * *", catch_up: skip, command: ["true"]}\n'});
		const first = await startHeadlessWithApi(processes, root.dir);
		await waitFor(() => readRuns(root.dir).find(run => run.job_id === 'tick' && run.status === 'success'), 20_000, 'a fire of tick');
		first.app.child.kill('SIGKILL');
		await first.app.exited;
		// Down over at least two fire times.
		await new Promise(resolve => {
			setTimeout(resolve, 5000);
		});
		const second = await startHeadlessWithApi(processes, root.dir);
		expect(second.app.output().stdout).toMatch(/tick: \d+ fire times? missed while stopped; catch_up skip runs 0/);
		const missed = Number(/tick: (\d+) fire times? missed while stopped/.exec(second.app.output().stdout)![1]);
		expect(missed).toBeGreaterThanOrEqual(2);
		expect(seriesValue(await scrapeMetrics(second.url), 'sage_fires_missed_total', 'job="tick"')).toBe(missed);
	});
});
