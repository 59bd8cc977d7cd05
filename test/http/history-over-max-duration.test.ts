/**
 * A run that went on past its job's `max_duration` says so in history once it has ended, as its live
 * row said while it ran: `GET /v1/runs` and `GET /v1/runs/:id` give its `overMaxDuration` `{at,
 * maxDurationMs}` (epoch ms), `history --json` its `over_max_duration` `{at, max_duration_ms}` (ISO), and
 * its SQLite row keeps both, and `show` says it beside the duration. Before, history rows had nothing of it: the mark went with the live row.
 * A run of a job with a limit it stayed under has none. Against a real headless scheduler and its API.
 */
import path from 'node:path';
import {existsSync, readFileSync} from 'node:fs';
import {expect, it} from 'vitest';
import {startHeadlessWithApi} from '../helpers/headless-api.js';
import {readRuns} from '../helpers/history-file.js';
import {cliOn, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

type Mark = {at: number; maxDurationMs: number};
type ApiRun = {id: number; jobId: string; status: string; startedAt?: number; finishedAt?: number; overMaxDuration?: Mark};

it('a finished run that went past its max_duration says so in GET /v1/runs, GET /v1/runs/:id, history --json and its row', async () => {
	const root = processes.makeRoot();
	const gate = path.join(root.dir, 'gate');
	// Each run goes on until the test opens the gate: no run's end depends on how fast the box is.
	const waitForGate = `["sh", "-c", "while [ ! -f '${gate}' ]; do sleep 0.1; done"]`;
	root.write('config/jobs.yaml', `timezone: Asia/Shanghai
jobs:
  - {id: train, trigger: manual, command: ${waitForGate}, max_duration: 1s}
  - {id: quick, trigger: manual, command: ${waitForGate}, max_duration: 10m}
`);
	const {url} = await startHeadlessWithApi(processes, root.dir);
	const cli = cliOn(root.dir);

	const trainRun = Number(/\d+/.exec(cli('run', 'train', '--detach'))![0]);
	const quickRun = Number(/\d+/.exec(cli('run', 'quick', '--detach'))![0]);
	const log = path.join(root.dir, 'logs', 'sage-console.log');
	await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes(`train run ${trainRun} has run longer than its max_duration 1.0s`), 30_000, 'train to pass its max_duration');
	root.write('gate', '');
	await waitFor(() => readRuns(root.dir).filter(row => row.status === 'success').length === 2, 30_000, 'both runs to succeed');
	const listed = (await (await fetch(`${url}/v1/runs`)).json() as {runs: ApiRun[]}).runs;

	const train = listed.find(run => run.id === trainRun)!;
	expect(train).toMatchObject({jobId: 'train', status: 'success', overMaxDuration: {maxDurationMs: 1000}});
	// It passed the limit while it ran (the gate opened after the alert).
	expect(train.overMaxDuration!.at).toBeGreaterThan(train.startedAt!);
	expect(train.overMaxDuration!.at).toBeLessThanOrEqual(train.finishedAt!);
	expect(listed.find(run => run.id === quickRun)).not.toHaveProperty('overMaxDuration');

	const one = await (await fetch(`${url}/v1/runs/${trainRun}`)).json() as {run: ApiRun};
	expect(one.run.overMaxDuration).toEqual(train.overMaxDuration);

	type JsonRun = {id: number; over_max_duration?: {at: string; max_duration_ms: number}};
	const history = JSON.parse(cli('history', '--json')) as JsonRun[];
	const trainJson = history.find(run => run.id === trainRun)!;
	expect(trainJson.over_max_duration?.max_duration_ms).toBe(1000);
	expect(trainJson.over_max_duration?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\+08:00$/);
	expect(Date.parse(trainJson.over_max_duration!.at)).toBe(train.overMaxDuration!.at);
	expect(history.find(run => run.id === quickRun)).not.toHaveProperty('over_max_duration');

	// `show` says it beside the duration, as the console's Running panel did while it ran
	expect(cli('show', String(trainRun))).toMatch(/^duration {4}\S+ {2}! past max_duration 1.0s at \d\d-\d\d \d\d:\d\d:\d\d$/m);
	expect(cli('show', String(quickRun))).not.toContain('max_duration');

	const rows = readRuns(root.dir) as Array<{id: number; over_max_duration_at?: number | null; max_duration_ms?: number | null}>;
	expect(rows.find(row => row.id === trainRun)).toMatchObject({over_max_duration_at: train.overMaxDuration!.at, max_duration_ms: 1000});
	expect(rows.find(row => row.id === quickRun)).toMatchObject({over_max_duration_at: null, max_duration_ms: null});
}, 120_000);
