/**
 * `npm run bench [-- --quick] [-- --json] [-- --only PREFIX] [-- --before DIR]`: sage-console side by
 * side with its peers (bare croner and APScheduler for schedule arithmetic, bare croner for fires,
 * htop for an idle terminal program, a bare BullMQ producer/worker pair for runs on workers) and,
 * with --before, with an earlier version of itself (a built checkout), every figure measured in this
 * one run. Sections without a peer (the HTTP API, key latency) say so in the table and are judged on
 * absolute targets. Prints a table and the targets met or missed; --json also writes
 * bench/results.json. Fails, naming the subject, when a subject measured nothing, a peer is missing or
 * a figure is not a number.
 */
import {existsSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {measureHeadless, measureIdle} from './measure-console.js';
import {measureCli} from './measure-cli.js';
import {measureFire} from './measure-fire.js';
import {measureHistory} from './measure-history.js';
import {measureKeyLatency} from './measure-key-latency.js';
import {measureReload} from './measure-reload.js';
import {measureSchedules, scheduleTargets} from './measure-schedules.js';
import {measureWorkers, quickWorkers, workerTargets} from './measure-workers.js';
import type * as ApiModule from './measure-api.js';
import {BenchError, checkFigures, requirePeer, type Row} from './lib/integrity.js';
import {benchDir} from './lib/processes.js';
import {judgeTargets, type Verdict} from './lib/targets.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = option('--only');
const beforeDir = option('--before');
const want = (name: string) => only === undefined || name.startsWith(only);

if (beforeDir && !existsSync(path.join(beforeDir, 'dist'))) {
	throw new BenchError(`--before ${beforeDir}: no built checkout there (git worktree add DIR COMMIT, then npm ci in it)`);
}

requirePeer('croner', 'node', ['-e', "import('croner')"], 'npm install (croner is a dependency)');
requirePeer('tmux', 'tmux', ['-V'], 'apt-get install tmux');

const rows: Row[] = [];
/** Per section measured: what its figures are compared with in this run, or that nothing is. */
const peers: Array<{section: string; peer: string}> = [];
const extraTargets: Array<(rows: readonly Row[]) => Verdict[]> = [scheduleTargets, workerTargets];
const section = async (name: string, peer: string, work: () => Promise<Row[]>) => {
	if (!want(name)) {
		return;
	}

	process.stderr.write(`… ${name}\n`);
	const measured = await work();
	if (measured.length === 0) {
		throw new BenchError(`${name}: the section returned no rows`);
	}

	checkFigures(measured);
	rows.push(...measured);
	peers.push({section: name, peer});
};

const before = beforeDir ? `; sage-console before = ${beforeDir}` : '';
await section('schedules', 'bare croner and APScheduler 3 (python3), same schedule, best of three turns each', async () => measureSchedules());
await section('fire_100_render', `bare croner beside it${before}`, async () => measureFire('fire_100_render', 100, quick ? 20 : 60, 1000, beforeDir));
await section('idle_console', `htop in tmux beside it${before}`, async () => measureIdle(quick ? 30 : 300, beforeDir));
await section('headless', `none (absolute targets)${before}`, async () => measureHeadless(quick ? 20 : 60, beforeDir));
await section('reload', `none (absolute targets)${before}`, async () => measureReload(beforeDir, quick ? 1 : 3));
await section('cli', `bare Node starting and exiting (node -e 0), taking turns with it${before}`, async () => measureCli(beforeDir, quick ? 10 : 30));
await section('history', 'none (absolute targets; the sqlite3 CLI timings are in bench/ROUNDS.md)', async () => measureHistory(quick ? 200_000 : 1_000_000));
await section('workers', `bare BullMQ producer/worker pair, same Redis, same no-op jobs, taking turns with it (ratios: workers_vs_bare); BullMQ's sandbox on worker threads for information (workers_vs_sandboxed)`, async () => measureWorkers(quick ? quickWorkers : {}));
await section('api', 'none measured in this run: absolute figures', async () => {
	// Loaded only when asked for: its file changes often, and the other sections must not depend on it.
	const api: typeof ApiModule & {apiTargets?: (rows: readonly Row[]) => Verdict[]} = await import('./measure-api.js');
	if (api.apiTargets) {
		extraTargets.push(api.apiTargets);
	}

	return api.measureApi(quick ? {rows: 200_000, seconds: 15} : {});
});
await section('key_latency', 'none measured in this run: absolute figures, judged against one frame of a 60 Hz screen', async () => measureKeyLatency({presses: quick ? 12 : 40}));

if (rows.length === 0) {
	throw new BenchError(`--only ${only ?? ''}: no section is named so (schedules, fire_100_render, idle_console, headless, reload, cli, history, workers, api, key_latency)`);
}

const header = `sage-console bench, ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores, Node ${process.version}, ${quick ? '--quick' : 'full'}${beforeDir ? `, before = ${beforeDir}` : ''}`;
process.stdout.write(`${header}\n`);
process.stdout.write('peers\n');
for (const {section: name, peer} of peers) {
	process.stdout.write(`  ${name.padEnd(18)} ${peer}\n`);
}

for (const row of rows) {
	const {metric, subject, ...figures} = row;
	process.stdout.write(`${metric.padEnd(24)} ${subject.padEnd(34)} ${Object.entries(figures).map(([key, value]) => `${key}=${value}`).join('  ')}\n`);
}

const verdicts = [...judgeTargets(rows), ...extraTargets.flatMap(targets => targets(rows))];
process.stdout.write('targets\n');
for (const {target, measured, met} of verdicts) {
	process.stdout.write(`  ${met ? 'met   ' : 'MISSED'}  ${target}: ${measured}\n`);
}

if (json) {
	const file = path.join(benchDir, 'results.json');
	writeFileSync(file, `${JSON.stringify({header, peers, rows, targets: verdicts}, null, 2)}\n`);
	process.stdout.write(`wrote ${file}\n`);
}
