/**
 * `sage-console retry RUN` of a run asked for with `--param` runs the job again with those params, as
 * the job's own `retries:` do. It ran with the job's params alone: a health check given a URL and
 * retried checked the job's default instead, and its failure read as recovered. A run asked for without
 * params is retried with the job's params, as before. Against a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

const jobs = [
	'jobs:',
	'  - id: check',
	'    trigger: manual',
	'    params: {url: "http://default.invalid/health"}',
	'    command: ["sh", "-c", "echo checking {params.url}; exit 1"]',
	'',
].join('\n');

it('a retry runs with the params its run was asked for with', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobs});
	await schedulerStarted(processes.start(root.dir));
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);

	const asked = cli('run', 'check', '--param', 'url=http://127.0.0.1:9/health');
	expect(asked.code).toBe(1);
	expect(asked.stdout).toContain('checking http://127.0.0.1:9/health');
	const runId = /^run (\d+) check/m.exec(asked.stdout)![1]!;

	const retried = cli('retry', runId);
	expect(retried.stdout).toMatch(/^retrying as run \d+ \(check, attempt 2\)\n$/);
	const retryId = /run (\d+)/.exec(retried.stdout)![1]!;
	const retryLog = cli('logs', retryId, '--follow');
	expect(retryLog.code).toBe(1);
	expect(retryLog.stdout).toContain('checking http://127.0.0.1:9/health');
	expect(retryLog.stdout).not.toContain('default.invalid');

	// A run asked for with the job's own params is retried with them.
	const plain = cli('run', 'check');
	expect(plain.stdout).toContain('checking http://default.invalid/health');
	const plainId = /^run (\d+) check/m.exec(plain.stdout)![1]!;
	const plainRetry = /run (\d+)/.exec(cli('retry', plainId).stdout)![1]!;
	expect(cli('logs', plainRetry, '--follow').stdout).toContain('checking http://default.invalid/health');
}, 60_000);
