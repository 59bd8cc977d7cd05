/**
 * `sage_runs_total` tells an attempt with a retry still to come (`status="retrying"`) from a final
 * failure (`status="failed"`), as the failure notification does: an operator alerting on
 * `increase(sage_runs_total{status="failed"}[5m])` is not paged for a run that then succeeds on retry.
 * A real headless scheduler with its HTTP API, real command jobs, /metrics scraped over HTTP.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {scrapeMetrics, scrapeUntil, seriesValue, startHeadlessWithApi} from '../helpers/headless-api.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

/** A job that fails the first time (it leaves `flag` behind) and succeeds from then on. */
const failsOnce = (flag: string) => `  - {id: flaky, trigger: manual, retries: 1, retry_backoff: 1s, command: ["sh", "-c", "test -e \\"$0\\" || { touch \\"$0\\"; exit 1; }", "${flag}"]}\n`;
const alwaysFails = '  - {id: doomed, trigger: manual, retries: 1, retry_backoff: 1s, command: ["false"]}\n';

function runs(text: string, job: string, status: string): number | undefined {
	return seriesValue(text, 'sage_runs_total', `job="${job}",status="${status}"`);
}

describe('sage_runs_total and retries', () => {
	it('counts a failed attempt with a retry to come as retrying, and only a last attempt\'s failure as failed', async () => {
		const root = processes.makeRoot();
		root.write('config/jobs.yaml', `jobs:\n${failsOnce(path.join(root.dir, 'failed-once'))}${alwaysFails}`);
		const {url} = await startHeadlessWithApi(processes, root.dir);

		// Given the series at 0 from the start, retrying too (so `increase(...) > 0` sees its first one).
		const before = await scrapeMetrics(url);
		for (const job of ['flaky', 'doomed']) {
			expect(runs(before, job, 'retrying')).toBe(0);
			expect(runs(before, job, 'failed')).toBe(0);
		}

		// When flaky fails once and succeeds on its retry: no failure counted.
		expect(runCli(['run', 'flaky', '--root', root.dir]).code).toBe(0);
		const flaky = await scrapeUntil(url, text => runs(text, 'flaky', 'success') === 1, 'the retry of flaky to succeed');
		expect(runs(flaky, 'flaky', 'retrying')).toBe(1);
		expect(runs(flaky, 'flaky', 'failed')).toBe(0);

		// And doomed fails on its retry too: its first attempt retrying, its last one failed.
		expect(runCli(['run', 'doomed', '--root', root.dir]).code).not.toBe(0);
		const doomed = await scrapeUntil(url, text => runs(text, 'doomed', 'failed') === 1, 'the last attempt of doomed to fail');
		expect(runs(doomed, 'doomed', 'retrying')).toBe(1);
		expect(runs(doomed, 'flaky', 'failed')).toBe(0);
		expect(seriesValue(doomed, 'sage_run_duration_seconds_count', 'job="doomed"')).toBe(2);
	}, 60_000);
});
