/**
 * `sage_runs_total` counts a failure as `failed` when it is final, when its alert is sent (README). An
 * attempt that fails with its next attempt still to come counts as `retrying` at its end; when a pause,
 * a reload that disables the job or the next start drops that attempt, the failure is final then, and
 * alerted then: it must count as `failed` then, once. Before, it never did, so SageJobFailing
 * (`increase(sage_runs_total{status=~"failed|timeout|interrupted"}[15m]) > 0`) never fired for it while
 * the phone got the alert. A real headless scheduler with its HTTP API, /metrics read over HTTP.
 */
import path from 'node:path';
import {writeFileSync} from 'node:fs';
import {expect, it} from 'vitest';
import {scrapeMetrics, scrapeUntil, seriesValue, startHeadlessWithApi} from '../helpers/headless-api.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();

const failing = 'trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]';
const jobs = (ids: string[], extra: Record<string, string> = {}) => `jobs:\n${ids.map(id => `  - {id: ${id}, ${extra[id] ?? ''}${failing}}\n`).join('')}`;
const runs = (text: string, job: string, status: string) => seriesValue(text, 'sage_runs_total', `job="${job}",status="${status}"`);

it('counts a failure as failed, once, when a pause, pause --all or a reload disabling its job drops its waiting next attempt', async () => {
	const all = ['paused', 'everything', 'disabled'];
	const root = processes.makeRoot({'config/jobs.yaml': jobs(all)});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const {url} = await startHeadlessWithApi(processes, root.dir);

	// Given: a run of each job failed, counted as retrying, its attempt 2 waiting for its backoff.
	for (const id of all) {
		expect(cli('run', id, '--detach').code).toBe(0);
	}

	await scrapeUntil(url, text => all.every(id => runs(text, id, 'retrying') === 1), 'the three failures counted as retrying');
	const before = await scrapeMetrics(url);
	expect(all.map(id => runs(before, id, 'failed'))).toEqual([0, 0, 0]);

	// When: each attempt is dropped; then: that failure is final, counted as failed.
	expect(cli('pause', 'paused').code).toBe(0);
	await scrapeUntil(url, text => runs(text, 'paused', 'failed') === 1, 'run of paused counted failed after pause paused');
	writeFileSync(path.join(root.dir, 'config/jobs.yaml'), jobs(all, {disabled: 'enabled: false, '}));
	expect(cli('reload').code).toBe(0);
	await scrapeUntil(url, text => runs(text, 'disabled', 'failed') === 1, 'run of disabled counted failed after the reload');
	expect(cli('pause', '--all').code).toBe(0);
	await scrapeUntil(url, text => runs(text, 'everything', 'failed') === 1, 'run of everything counted failed after pause --all');
	await waitFor(() => waitingRetryRows(root.dir).length === 0, 30_000, 'the dropped attempts to leave the database');

	// Once each: a resume counts nothing more, and each run's end counted once (its duration too).
	expect(cli('resume', '--all').code).toBe(0);
	expect(cli('resume', 'paused').code).toBe(0);
	const after = await scrapeMetrics(url);
	expect(all.map(id => [runs(after, id, 'failed'), runs(after, id, 'retrying'), seriesValue(after, 'sage_run_duration_seconds_count', `job="${id}"`)])).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 1]]);
}, 120_000);

it('counts a failure as failed at the next start when it drops the kept attempt (its job disabled while no scheduler ran)', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobs(['sync'])});
	const first = await startHeadlessWithApi(processes, root.dir);
	expect(runCli(['run', 'sync', '--detach', '--root', root.dir]).code).toBe(0);
	await scrapeUntil(first.url, text => runs(text, 'sync', 'retrying') === 1, 'run 1 counted as retrying');
	await waitFor(() => waitingRetryRows(root.dir).length === 1, 30_000, 'attempt 2 kept');
	first.app.child.kill('SIGTERM');
	expect(await first.app.exited).toBe(0);
	writeFileSync(path.join(root.dir, 'config/jobs.yaml'), jobs(['sync'], {sync: 'enabled: false, '}));

	// The start drops it and alerts run 1's failure: /metrics of the new process counts it from its start.
	const second = await startHeadlessWithApi(processes, root.dir);
	expect(second.app.output().stdout).toContain('sync: attempt 2 not run: sync was disabled (enabled: false)');
	const counted = await scrapeUntil(second.url, text => runs(text, 'sync', 'failed') === 1, 'run 1 counted failed at the start');
	expect(runs(counted, 'sync', 'retrying')).toBe(0);
}, 120_000);
