/**
 * `npm run bench [-- --quick] [-- --json] [-- --only PREFIX] [-- --before DIR]`: sage-console side by
 * side with its peers (bare croner for fires, htop for an idle terminal program) and, with --before,
 * with an earlier version of itself (a built checkout), every figure measured in this one run. Prints a
 * table and the targets met or missed; --json also writes bench/results.json. Fails, naming the
 * subject, when a subject measured nothing, a peer is missing or a figure is not a number.
 */
import {existsSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {measureHeadless, measureIdle} from './measure-console.js';
import {measureFire} from './measure-fire.js';
import {measureHistory} from './measure-history.js';
import {BenchError, checkFigures, requirePeer, type Row} from './lib/integrity.js';
import {benchDir} from './lib/processes.js';
import {judgeTargets} from './lib/targets.js';

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
const section = async (name: string, work: () => Promise<Row[]>) => {
	if (!want(name)) {
		return;
	}

	process.stderr.write(`… ${name}\n`);
	const measured = await work();
	checkFigures(measured);
	rows.push(...measured);
};

await section('fire_100_render', async () => measureFire('fire_100_render', 100, quick ? 20 : 60, 1000, beforeDir));
await section('idle_console', async () => measureIdle(quick ? 30 : 300, beforeDir));
await section('headless', async () => measureHeadless(quick ? 20 : 60, beforeDir));
await section('history', async () => measureHistory(quick ? 200_000 : 1_000_000));

const header = `sage-console bench, ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores, Node ${process.version}, ${quick ? '--quick' : 'full'}${beforeDir ? `, before = ${beforeDir}` : ''}`;
process.stdout.write(`${header}\n`);
for (const row of rows) {
	const {metric, subject, ...figures} = row;
	process.stdout.write(`${metric.padEnd(20)} ${subject.padEnd(34)} ${Object.entries(figures).map(([key, value]) => `${key}=${value}`).join('  ')}\n`);
}

const verdicts = judgeTargets(rows);
process.stdout.write('targets\n');
for (const {target, measured, met} of verdicts) {
	process.stdout.write(`  ${met ? 'met   ' : 'MISSED'}  ${target}: ${measured}\n`);
}

if (json) {
	const file = path.join(benchDir, 'results.json');
	writeFileSync(file, `${JSON.stringify({header, rows, targets: verdicts}, null, 2)}\n`);
	process.stdout.write(`wrote ${file}\n`);
}
