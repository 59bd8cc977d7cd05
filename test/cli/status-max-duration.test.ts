/**
 * A run going on past its job's `max_duration`, against a real headless scheduler: the alert and the log
 * line tell it once, and afterwards `sage-console status` still has a `!` line at the top saying so,
 * `status --json` gives the running run's `overMaxDuration` (since when, the limit) and so does the
 * snapshot's live row, which `/v1/status` serves over the HTTP API. Before, nothing showed it once the alert had gone.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {startHeadlessWithApi} from '../helpers/headless-api.js';
import {cliOn, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

it('says at the top which run is past its max_duration, and --json gives its overMaxDuration', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': `timezone: Asia/Shanghai
jobs:
  - {id: train, trigger: manual, command: ["sleep", "60"], max_duration: 2s}
  - {id: quick, trigger: manual, command: ["sleep", "60"], max_duration: 10m}
`});
	const {url} = await startHeadlessWithApi(processes, root.dir);
	const cli = cliOn(root.dir);

	const trainRun = Number(/\d+/.exec(cli('run', 'train', '--detach'))![0]);
	cli('run', 'quick', '--detach');
	type Running = {runId: number; jobId: string; overMaxDuration?: {at: string; maxDurationMs: number}};
	const running = () => (JSON.parse(cli('status', '--json')) as {running: Running[]}).running;
	await waitFor(() => running().length === 2, 20_000, 'both runs to be running');

	// The scheduler tells it once in its log (the alert's line); the run goes on.
	const log = path.join(root.dir, 'logs', 'sage-console.log');
	await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes(`train run ${trainRun} has run longer than its max_duration 2.0s`), 30_000, 'train to pass its max_duration');
	const byJob = new Map(running().map(run => [run.jobId, run]));
	expect(byJob.get('train')).toMatchObject({runId: trainRun, overMaxDuration: {maxDurationMs: 2000}});
	expect(byJob.get('train')!.overMaxDuration!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\+08:00$/);
	expect(byJob.get('quick')!.overMaxDuration).toBeUndefined();

	// The API's live run rows (/v1/status, the snapshot SSE clients get) carry it too, times in epoch ms.
	const status = await (await fetch(`${url}/v1/status`)).json() as {live: Array<{runId: number; overMaxDuration?: {at: number; maxDurationMs: number}}>};
	expect(status.live.find(run => run.runId === trainRun)?.overMaxDuration).toEqual({at: Date.parse(byJob.get('train')!.overMaxDuration!.at), maxDurationMs: 2000});

	const text = cli('status');
	expect(text).toMatch(new RegExp(`^! max_duration train: run ${trainRun} still running past its 2.0s since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$`, 'm'));
	expect(text).not.toMatch(/^! .*quick/m);

	// Cancelled, the run is gone and so is the line.
	cli('cancel', String(trainRun));
	await waitFor(() => !running().some(run => run.jobId === 'train'), 20_000, 'train to end');
	expect(cli('status')).not.toMatch(/^! max_duration/m);
}, 120_000);
