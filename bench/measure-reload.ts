/**
 * A jobs.yaml of 5,000 jobs saved while the headless scheduler fires an every-second job: how late that
 * job's fires come across the reload (the scheduler's thread held up shows as lateness, a hold of over
 * a second as seconds coalesced), on an idle box and with a busy loop per core and one more beside it
 * (a CI box, a backtest). With --before, an earlier version measured the same way, in this run.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {cpus} from 'node:os';
import path from 'node:path';
import {mkdirSync, writeFileSync} from 'node:fs';
import Database from 'better-sqlite3';
import {BenchError, requireSamples, type Row} from './lib/integrity.js';
import {launcher, sleep} from './lib/processes.js';
import {scratchDir} from './subjects/scratch-dir.mjs';

const tick = '  - {id: tick, cron: "* * * * * *", command: ["true"]}\n';
const manyJobs = (count: number) => Array.from({length: count}, (_, i) => `  - {id: job_${i}, name: 作业 ${i}, cron: "${i % 60} ${i % 24} * * 1-5", calendar: trading-days, command: ["true"], params: {depth: ${i}}}\n`).join('');

type Version = {name: string; launcher: string};

async function waitForLine(child: ChildProcess, output: () => string, pattern: RegExp, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!pattern.test(output())) {
		if (Date.now() > deadline || child.exitCode !== null) {
			throw new BenchError(`reload / ${what}: not seen within ${timeoutMs / 1000} s`);
		}

		await sleep(50);
	}
}

/** One reload: the tick's fires from a second before the edit to 3 s after the reload was applied. */
async function reloadOnce(version: Version, jobs: number, busyLoops: number): Promise<Row> {
	const root = scratchDir('sage-bench-reload-');
	mkdirSync(path.join(root, 'config'));
	writeFileSync(path.join(root, 'config/jobs.yaml'), `jobs:\n${tick}`);
	const child = spawn(version.launcher, ['--headless', '--root', root], {stdio: ['ignore', 'pipe', 'ignore']});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	const loops: ChildProcess[] = [];
	try {
		await waitForLine(child, () => output, /"msg":"ready/, 30_000, `${version.name} to start`);
		for (let i = 0; i < busyLoops; i++) {
			loops.push(spawn('sh', ['-c', 'while :; do :; done'], {stdio: 'ignore'}));
		}

		await sleep(3000);
		const editedAt = Date.now();
		writeFileSync(path.join(root, 'config/jobs.yaml'), `jobs:\n${tick}${manyJobs(jobs)}`);
		await waitForLine(child, () => output, new RegExp(`config reloaded: ${jobs} added`), 120_000, `${version.name} to apply the edit`);
		const appliedAt = Date.now();
		await sleep(3000);
		const db = new Database(path.join(root, 'data/sage.db'), {readonly: true});
		const fires = db.prepare('SELECT scheduled_at, started_at FROM runs WHERE job_id = \'tick\' AND scheduled_at >= ? AND scheduled_at <= ? ORDER BY scheduled_at').all(editedAt - 1000, appliedAt + 2000) as Array<{scheduled_at: number; started_at: number | null}>;
		db.close();
		const late = requireSamples(version.name, 'reload', fires.filter(fire => fire.started_at !== null)).map(fire => fire.started_at! - fire.scheduled_at);
		const seconds = fires.map(fire => fire.scheduled_at / 1000);
		const lost = Math.max(...seconds) - Math.min(...seconds) + 1 - new Set(seconds).size;
		return {metric: 'reload_5000_jobs', subject: version.name, busy_loops: busyLoops, fires: fires.length, max_late_ms: Math.max(...late), seconds_lost: lost, apply_s: Math.round((appliedAt - editedAt) / 100) / 10};
	} finally {
		for (const loop of loops) {
			loop.kill('SIGKILL');
		}

		child.kill('SIGTERM');
		await new Promise(resolve => {
			child.once('exit', resolve);
		});
	}
}

/**
 * Each version `rounds` times on an idle box and as many with the cores busy; a fire is late only when
 * it comes due during a hold-up, so the figures are the worst (and the sum of seconds lost) of the rounds.
 */
export async function measureReload(beforeDir: string | undefined, rounds = 3, jobs = 5000): Promise<Row[]> {
	const versions: Version[] = [{name: 'sage-console', launcher}, ...(beforeDir ? [{name: 'sage-console before', launcher: path.join(beforeDir, 'bin/sage-console.js')}] : [])];
	const rows: Row[] = [];
	for (const busyLoops of [0, cpus().length + 1]) {
		for (const version of versions) {
			const each: Row[] = [];
			for (let round = 0; round < rounds; round++) {
				// One scheduler at a time: they would share the cores.
				each.push(await reloadOnce(version, jobs, busyLoops));
			}

			const most = (key: string) => Math.max(...each.map(row => row[key] as number));
			const sum = (key: string) => each.reduce((total, row) => total + (row[key] as number), 0);
			rows.push({metric: 'reload_5000_jobs', subject: version.name, busy_loops: busyLoops, rounds, fires: sum('fires'), max_late_ms: most('max_late_ms'), seconds_lost: sum('seconds_lost'), apply_s_max: most('apply_s')});
		}
	}

	return rows;
}
