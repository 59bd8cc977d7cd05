/**
 * `npm run bench [-- --quick] [-- --json] [-- --soak MINUTES] [-- --only PREFIX]`: sage-console side by
 * side with croner, node-cron, APScheduler 3 and htop, in one run on this machine. Prints a table; --json
 * also writes bench/results.json (rows of {metric, subject, ...figures}, then one `target` row per target of
 * the brief, met or missed); with --only, just the sections whose name starts with PREFIX are measured and
 * their rows replace the old ones in results.json.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {measureIdle, measureRender} from './measure-console.js';
import {measureBlocking, measureFire, type Row} from './measure-fire.js';
import {measureHistory} from './measure-history.js';
import {benchDir, capture, launcherNodeFlags} from './lib/processes.js';
import {round} from './lib/stats.js';
import {judgeTargets} from './lib/targets.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const soakIndex = args.indexOf('--soak');
const soakMinutes = soakIndex === -1 ? 0 : Number(args[soakIndex + 1] ?? 60);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const want = (name: string) => only === undefined || name.startsWith(only);

const hasTmux = (() => {
	try {
		execFileSync('tmux', ['-V']);
		return true;
	} catch {
		return false;
	}
})();

function leastSquaresSlope(points: Array<[number, number]>): number {
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
	const covariance = points.reduce((sum, [x, y]) => sum + ((x - meanX) * (y - meanY)), 0);
	const variance = points.reduce((sum, [x]) => sum + ((x - meanX) ** 2), 0);
	return covariance / variance;
}

async function soak(minutes: number): Promise<Row[]> {
	const interval = minutes >= 30 ? 60 : 10;
	const lines = (await capture('node', [...launcherNodeFlags, 'bench/subjects/sage-soak.mjs', String(minutes), String(interval)])).trim().split('\n').map(line => JSON.parse(line) as Record<string, number>);
	// Least-squares slope of RSS over the samples after the first hour (after the first half of a shorter
	// run): two end points alone would make a garbage-collection swing look like a trend.
	const afterFirstHour = lines.filter(line => line.minute! >= Math.min(60, minutes / 2));
	const slopeOf = (key: string) => afterFirstHour.length >= 2 ? leastSquaresSlope(afterFirstHour.map(line => [line.minute!, line[key]!])) * 60 : Number.NaN;
	return [
		...lines.map(line => ({metric: 'soak', subject: 'sage-console', ...Object.fromEntries(Object.entries(line).map(([key, value]) => [key, round(value, 1)]))})),
		{metric: 'soak_rss_slope', subject: 'sage-console', minutes, rss_mb_per_hour: round(slopeOf('rss_mb'), 2), anon_mb_per_hour: round(slopeOf('rss_anon_mb'), 2), file_mb_per_hour: round(slopeOf('rss_file_mb'), 2), v8_pages_mb_per_hour: round(slopeOf('v8_pages_mb'), 2), other_anon_mb_per_hour: round(slopeOf('other_anon_mb'), 2)},
	];
}

const rows: Row[] = [];
const section = async (name: string, work: () => Promise<Row[]>) => {
	if (!want(name)) {
		return;
	}

	process.stderr.write(`… ${name}\n`);
	rows.push(...await work());
};

const fireSeconds = quick ? 9 : 60;
// One job gives one sample a second: 300 of them make the p99 the third-latest second rather than the
// latest (at 60, p99 is the maximum and one late second decides a comparison).
await section('fire_lateness_1', async () => measureFire('fire_lateness_1', 1, quick ? fireSeconds : 300));
await section('fire_lateness_100', async () => measureFire('fire_lateness_100', 100, fireSeconds));
await section('fire_burst_200', async () => measureFire('fire_burst_200', 200, quick ? 8 : 20));
if (!hasTmux) {
	process.stderr.write('tmux is not installed: idle_cpu and busy_render are skipped (apt-get install tmux htop)\n');
}

// Idle CPU is CPU time (from /proc), so it is measured while the blocking and history sections run
// beside it: that keeps --quick under three minutes without touching the fire measurements.
const idle = hasTmux ? section('idle_cpu', async () => measureIdle(quick ? 60 : 1800)) : Promise.resolve();
await section('fire_lateness_blocked', async () => measureBlocking(quick ? 10 : 60));
await section('history', async () => measureHistory(quick ? 200_000 : 1_000_000));
await idle;
if (hasTmux) {
	await section('busy_render', async () => measureRender([10, 100, 1000, 10_000], quick ? 5 : 30));
}

if (soakMinutes > 0) {
	await section('soak', async () => soak(soakMinutes));
}

const header = `sage-console bench, ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores, Node ${process.version}, ${quick ? '--quick' : 'full'}`;
process.stdout.write(`${header}\n`);
for (const row of rows) {
	const {metric, subject, ...figures} = row;
	process.stdout.write(`${metric.padEnd(24)} ${subject.padEnd(28)} ${Object.entries(figures).map(([key, value]) => `${key}=${value}`).join('  ')}\n`);
}

// With --only, the rows of the sections measured replace theirs in an earlier results.json, and the
// targets are judged on the whole (sections not measured this time keep their earlier figures).
const file = path.join(benchDir, 'results.json');
const kept = only !== undefined && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Row[]).filter(row => !want(row.metric) && row.metric !== 'target') : [];
const verdicts = judgeTargets([...kept, ...rows]);
process.stdout.write(`targets${kept.length > 0 ? ' (sections not measured now: from results.json)' : ''}\n`);
for (const {target, measured, met} of verdicts) {
	process.stdout.write(`  ${met === undefined ? 'n/a   ' : (met ? 'met   ' : 'MISSED')}  ${target}: ${measured}\n`);
}

if (json) {
	const targetRows: Row[] = verdicts.map(({target, measured, met}) => ({metric: 'target', subject: 'sage-console', target, measured, verdict: met === undefined ? 'not judged' : (met ? 'met' : 'missed')}));
	writeFileSync(file, `${JSON.stringify([...kept, ...rows, ...targetRows], null, 2)}\n`);
	process.stdout.write(`wrote ${file}${kept.length > 0 ? ` (${kept.length} rows kept from the previous run)` : ''}\n`);
}
