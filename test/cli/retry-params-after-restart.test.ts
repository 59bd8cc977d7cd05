/**
 * The params a run was asked for with (`run JOB --param`) are part of its history: after the scheduler
 * stopped (SIGTERM) or was killed (kill -9) and started again, `retry RUN` runs the job with them, and a
 * retry of that retry too, where it ran with the job's default params and its failure could read as
 * recovered. `show` (text and --json), `history --json` and the API's GET /v1/runs/:id give them. A
 * secret param is kept censored, so a retry after a restart is refused, naming it, not run without it.
 * Against real headless schedulers and the built CLI.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobs = [
	'jobs:',
	'  - id: check',
	'    trigger: manual',
	'    params: {url: "http://default.invalid/health", api_token: "none"}',
	'    command: ["sh", "-c", "echo checking {params.url}; exit 1"]',
	'',
].join('\n');

const asked = 'http://127.0.0.1:9/health';

/** Starts a headless scheduler with the HTTP API on a free port; its API's address once it listens. */
async function startScheduler(root: string): Promise<{stopped: () => Promise<unknown>; pid: number; api: string}> {
	const app = startCli(['--headless', '--root', root, '--http', '127.0.0.1:0'], {env: {SAGE_API_TOKENS: ''}});
	processes.track(app);
	await schedulerStarted(app);
	let api = '';
	await waitFor(() => {
		api = /HTTP API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(app.output().stdout + app.output().stderr)?.[1] ?? '';
		return api !== '';
	}, 20_000, 'the HTTP API to listen');
	return {stopped: async () => app.exited, pid: app.child.pid!, api};
}

const runIdOf = (text: string, pattern: RegExp) => pattern.exec(text)![1]!;

it('a run\'s --param survives a restart of the scheduler: retry (and a retry of the retry) runs with it, show and the API give it', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobs});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	let scheduler = await startScheduler(root.dir);

	const first = cli('run', 'check', '--param', `url=${asked}`);
	expect(first.code).toBe(1);
	expect(first.stdout).toContain(`checking ${asked}`);
	const runId = runIdOf(first.stdout, /^run (\d+) check/m);

	// Stopped as systemd stops it, then started again: nothing of the run is left in its memory.
	process.kill(scheduler.pid, 'SIGTERM');
	await scheduler.stopped();
	scheduler = await startScheduler(root.dir);

	const retried = cli('retry', runId);
	expect(retried.stdout).toMatch(/^retrying as run \d+ \(check, attempt 2\)\n$/);
	const retryId = runIdOf(retried.stdout, /run (\d+)/);
	const retryLog = cli('logs', retryId, '--follow');
	expect(retryLog.code).toBe(1);
	expect(retryLog.stdout).toContain(`checking ${asked}`);
	expect(retryLog.stdout).not.toContain('default.invalid');

	// Where the operator looks: show, show --json, history --json, the API.
	for (const id of [runId, retryId]) {
		expect(cli('show', id).stdout).toContain(`\nparams      url=${asked}\n`);
		expect(JSON.parse(cli('show', id, '--json').stdout)).toMatchObject({id: Number(id), params: {url: asked}});
	}

	const history = JSON.parse(cli('history', '--json').stdout) as Array<{id: number; params: unknown}>;
	expect(history.map(run => [run.id, run.params])).toEqual([[Number(retryId), {url: asked}], [Number(runId), {url: asked}]]);
	const answer = await fetch(`${scheduler.api}/v1/runs/${retryId}`);
	expect(answer.status).toBe(200);
	expect(((await answer.json()) as {run: {params?: unknown}}).run.params).toEqual({url: asked});

	// Killed outright (a crash, a power cut), then started again: the retry of the retry keeps them too.
	process.kill(scheduler.pid, 'SIGKILL');
	await scheduler.stopped();
	scheduler = await startScheduler(root.dir);
	const again = cli('retry', retryId);
	expect(again.stdout).toMatch(/^retrying as run \d+ \(check, attempt 3\)\n$/);
	const againId = runIdOf(again.stdout, /run (\d+)/);
	expect(cli('logs', againId, '--follow').stdout).toContain(`checking ${asked}`);
	expect(JSON.parse(cli('show', againId, '--json').stdout)).toMatchObject({attempt: 3, params: {url: asked}});

	// A run asked for with its job's params alone has none, and its retry runs with the job's.
	const plain = cli('run', 'check');
	const plainId = runIdOf(plain.stdout, /^run (\d+) check/m);
	expect(cli('show', plainId).stdout).not.toContain('params');
	expect(JSON.parse(cli('show', plainId, '--json').stdout)).toMatchObject({params: null});
	const plainRetry = runIdOf(cli('retry', plainId).stdout, /run (\d+)/);
	expect(cli('logs', plainRetry, '--follow').stdout).toContain('checking http://default.invalid/health');
}, 120_000);

it('a secret param is kept censored: shown as [redacted], and its retry after a restart is refused, naming it', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobs});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	let scheduler = await startScheduler(root.dir);
	const secret = 'tok-5d1c9a7e3b2f4860';

	const first = cli('run', 'check', '--param', `url=${asked}`, '--param', `api_token=${secret}`);
	const runId = runIdOf(first.stdout, /^run (\d+) check/m);
	// While the scheduler that ran it lives, it has the value: the retry runs with every param.
	const live = cli('retry', runId);
	expect(live.stdout).toMatch(/^retrying as run \d+ \(check, attempt 2\)\n$/);
	const liveId = runIdOf(live.stdout, /run (\d+)/);
	expect(cli('logs', liveId, '--follow').stdout).toContain(`checking ${asked}`);
	const answer = (await (await fetch(`${scheduler.api}/v1/runs/${liveId}`)).json()) as {run: {params?: unknown}};
	expect(answer.run.params).toEqual({url: asked, api_token: '[redacted]'});

	process.kill(scheduler.pid, 'SIGTERM');
	await scheduler.stopped();
	scheduler = await startScheduler(root.dir);

	const shown = cli('show', runId);
	expect(shown.stdout).toContain(`\nparams      url=${asked} api_token=[redacted]\n`);
	expect(shown.stdout + cli('show', runId, '--json').stdout + cli('history', '--json').stdout).not.toContain(secret);
	const refused = cli('retry', liveId);
	expect(refused.code).not.toBe(0);
	expect(refused.stdout + refused.stderr).toContain(`run ${liveId} was asked for with the secret param api_token, whose value history does not keep: run check --param api_token=… again instead`);
	expect(JSON.parse(cli('history', '--json').stdout)).toHaveLength(2);
}, 120_000);

it('the job\'s own retries: keep the run\'s params as asked, not the job\'s own beside them, and a retry after a restart runs with them', async () => {
	const withRetries = jobs.replace('    trigger: manual\n', '    trigger: manual\n    retries: 1\n    retry_backoff: 1s\n');
	const root = processes.makeRoot({'config/jobs.yaml': withRetries});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	let scheduler = await startScheduler(root.dir);

	// Attempt 2 comes by itself, asked for with every param attempt 1 ran with (the job's included).
	const first = cli('run', 'check', '--param', `url=${asked}`);
	expect(first.code).toBe(1);
	const history = () => JSON.parse(cli('history', '--json').stdout) as Array<{id: number; attempt: number; params: unknown}>;
	expect(history().map(run => [run.attempt, run.params])).toEqual([[2, {url: asked}], [1, {url: asked}]]);

	process.kill(scheduler.pid, 'SIGTERM');
	await scheduler.stopped();
	scheduler = await startScheduler(root.dir);
	const second = history()[0]!;
	const retried = cli('retry', String(second.id));
	expect(retried.stdout).toMatch(/^retrying as run \d+ \(check, attempt 3\)\n$/);
	expect(cli('logs', runIdOf(retried.stdout, /run (\d+)/), '--follow').stdout).toContain(`checking ${asked}`);
}, 120_000);
