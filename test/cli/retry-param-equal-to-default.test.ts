/**
 * A `--param` whose value equals the job's default is still a param the run was asked for with: history
 * keeps it (runs.params), `show`, `show --json`, `history --json` and the API's GET /v1/runs/:id give it,
 * and once jobs.yaml's default has changed, `retry RUN` (live after a reload, and from history after a
 * restart) runs with the value the operator asked for, not the new default. Before, a value equal to
 * the default was dropped from the run's params and the retry ran with whatever the default had become.
 * A secret param equal to its default is kept censored. Against real headless schedulers and the built CLI.
 */
import {expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsWithDefault = (url: string) => [
	'jobs:',
	'  - id: check',
	'    trigger: manual',
	`    params: {url: "${url}", api_token: "tok-default-77"}`,
	'    command: ["sh", "-c", "echo checking {params.url}; exit 1"]',
	'',
].join('\n');

const first = 'http://first.invalid/health';
const second = 'http://second.invalid/health';

async function startScheduler(root: string): Promise<{stopped: () => Promise<unknown>; pid: number; api: string}> {
	const app = startCli(['--headless', '--root', root, '--http', '127.0.0.1:0'], {env: {SAGE_API_TOKENS: ''}});
	processes.track(app);
	await schedulerStarted(app);
	const api = await waitFor(() => /HTTP API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(app.output().stdout + app.output().stderr)?.[1], 20_000, 'the HTTP API to listen');
	return {stopped: async () => app.exited, pid: app.child.pid!, api};
}

const runIdOf = (text: string, pattern: RegExp) => pattern.exec(text)![1]!;

it('a --param equal to the job\'s default is kept with the run, shown, and its retry runs with it after the default changed', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsWithDefault(first)});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	let scheduler = await startScheduler(root.dir);

	const asked = cli('run', 'check', '--param', `url=${first}`);
	expect(asked.code).toBe(1);
	expect(asked.stdout).toContain(`checking ${first}`);
	const runId = runIdOf(asked.stdout, /^run (\d+) check/m);

	// Where the operator looks, and the row itself.
	expect(cli('show', runId).stdout).toContain(`\nparams      url=${first}\n`);
	expect(JSON.parse(cli('show', runId, '--json').stdout)).toMatchObject({id: Number(runId), params: {url: first}});
	const history = JSON.parse(cli('history', '--json').stdout) as Array<{id: number; params: unknown}>;
	expect(history.find(run => run.id === Number(runId))?.params).toEqual({url: first});
	const answer = await fetch(`${scheduler.api}/v1/runs/${runId}`);
	expect(((await answer.json()) as {run: {params?: unknown}}).run.params).toEqual({url: first});
	const row = readRuns(root.dir).find(run => run.id === Number(runId)) as {params: string | null} | undefined;
	expect(JSON.parse(row!.params!)).toEqual({url: first});

	// The default changes and is reloaded: the live retry runs with the value asked for.
	root.write('config/jobs.yaml', jobsWithDefault(second));
	expect(cli('reload').code).toBe(0);
	const liveRetry = cli('retry', runId);
	expect(liveRetry.stdout).toMatch(/^retrying as run \d+ \(check, attempt 2\)\n$/);
	const liveRetryId = runIdOf(liveRetry.stdout, /run (\d+)/);
	const liveLog = cli('logs', liveRetryId, '--follow');
	expect(liveLog.stdout).toContain(`checking ${first}`);
	expect(liveLog.stdout).not.toContain('second.invalid');

	// After a restart the retry's params come from its history row: still the value asked for.
	process.kill(scheduler.pid, 'SIGTERM');
	await scheduler.stopped();
	scheduler = await startScheduler(root.dir);
	const again = cli('retry', liveRetryId);
	expect(again.stdout).toMatch(/^retrying as run \d+ \(check, attempt 3\)\n$/);
	const againId = runIdOf(again.stdout, /run (\d+)/);
	const againLog = cli('logs', againId, '--follow');
	expect(againLog.stdout).toContain(`checking ${first}`);
	expect(againLog.stdout).not.toContain('second.invalid');
	expect(JSON.parse(cli('show', againId, '--json').stdout)).toMatchObject({attempt: 3, params: {url: first}});

	// A run asked for with no params runs with the new default, and keeps none.
	const plain = cli('run', 'check');
	expect(plain.stdout).toContain(`checking ${second}`);
	expect(JSON.parse(cli('show', runIdOf(plain.stdout, /^run (\d+) check/m), '--json').stdout)).toMatchObject({params: null});
}, 120_000);

it('a secret --param equal to its default is kept, censored', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsWithDefault(first)});
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	await startScheduler(root.dir);

	const asked = cli('run', 'check', '--param', 'api_token=tok-default-77');
	const runId = runIdOf(asked.stdout, /^run (\d+) check/m);
	expect(cli('show', runId).stdout).toContain('\nparams      api_token=[redacted]\n');
	const row = readRuns(root.dir).find(run => run.id === Number(runId)) as {params: string | null} | undefined;
	expect(JSON.parse(row!.params!)).toEqual({api_token: '[redacted]'});
	expect(cli('show', runId, '--json').stdout + cli('history', '--json').stdout).not.toContain('tok-default-77');
}, 120_000);
