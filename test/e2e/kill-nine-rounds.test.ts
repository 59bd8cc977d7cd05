/**
 * Chaos: a real headless scheduler on one root, killed with -9 at random moments (during its start
 * too, and just as a second's runs start) for many rounds, each round started again on the same root, then stopped cleanly. Afterwards
 * it checks what an operator would: sqlite3's integrity check, no run left open, the runs cut by a
 * kill `interrupted` and told once, every row's log file there and no stray one, no command run
 * twice, no overlap for `concurrency: skip`, no job or service process left, never two copies of the
 * service and the service up after each start. The kills are seeded and the seed printed:
 * KILL_SEED=N KILL_ROUNDS=40 replays or lengthens a run.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readRuns, type RunRow} from '../helpers/history-file.js';
import {type HeadlessProcesses, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';
import {processesWith} from '../supervisor/service-host.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

const rounds = Number(process.env.KILL_ROUNDS ?? 10);
const seed = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000);

/** mulberry32: the same seed, the same kill moments. */
function seededRandom(start: number): () => number {
	let state = start >>> 0;
	return () => {
		state = (state + 0x6D_2B_79_F5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** A module job: one side-effect file per run id (a second write to it would say so), progress on the way. */
const markJob = (root: string) => `import {openSync, writeSync, closeSync} from 'node:fs';
export default async function run(ctx: any) {
	let file;
	try { file = openSync('${root}/side/mod-' + ctx.runId, 'wx'); } catch { file = openSync('${root}/side/mod-' + ctx.runId + '.again', 'a'); }
	writeSync(file, String(ctx.runId) + '\\n'); closeSync(file);
	for (let i = 1; i <= 3; i++) { ctx.progress(i / 3, 'step ' + i); await new Promise(r => setTimeout(r, 100)); }
	return {runId: ctx.runId};
}
`;

/** The service: records a second copy when the pid it finds in its pid file is another live copy. */
const serviceScript = `#!/bin/sh
cd "$(dirname "$0")"
if [ -f side/svc.pid ]; then
	other=$(cat side/svc.pid)
	if [ -n "$other" ] && [ "$other" != "$$" ] && kill -0 "$other" 2>/dev/null && grep -q svc.sh /proc/"$other"/cmdline 2>/dev/null; then
		echo "copy $$ started while $other runs" >> side/svc.double
	fi
fi
echo $$ > side/svc.pid
echo "svc up"
while :; do sleep 0.2; done
`;

function jobsYaml(root: string): string {
	return `shutdown: cancel
max_parallel: 8
jobs:
  - {id: mod, cron: "* * * * * *", module: jobs/mark.ts}
  - id: cmd
    cron: "* * * * * *"
    concurrency: allow
    command: ["sh", "-c", "sleep $(awk 'BEGIN{srand('$$'); printf \\"%.2f\\", rand()*1.5}'); echo {run_id} >> side/cmd.txt"]
  - id: skipper
    cron: "* * * * * *"
    concurrency: skip
    command: ["sh", "-c", "sleep 1.7"]
  - id: flaky
    cron: "*/2 * * * * *"
    retries: 2
    retry_backoff: 300ms
    command: ["sh", "-c", "echo attempt {attempt}; [ {attempt} -ge 2 ]"]
services:
  - id: svc
    command: ["sh", "${root}/svc.sh"]
    window: always
    restart: always
    restart_delay: 300ms
    stop_timeout: 3s
`;
}

/** Every process whose environment carries a run mark for a log under `root` (a job's or the service's). */
function markedProcesses(root: string): string[] {
	const found: string[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name) || Number(name) === process.pid) {
			continue;
		}

		try {
			const environment = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
			if (environment.some(entry => entry.startsWith(`SAGE_RUN_LOG=${root}/`))) {
				found.push(`${name}: ${readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ')}`);
			}
		} catch {
			// Gone meanwhile, or a zombie.
		}
	}

	return found;
}

/** schedulerStarted, naming what the start said when it does not get there. */
async function started(app: ReturnType<HeadlessProcesses['start']>, what: string): Promise<void> {
	await schedulerStarted(app).catch((error: unknown) => {
		const {stdout, stderr} = app.output();
		throw new Error(`${what}: ${(error as Error).message}; its stdout ended: ${stdout.slice(-3000)}; its stderr: ${stderr.slice(-3000)}`);
	});
}

const overlaps = (runs: RunRow[]) => runs.filter((run, index) => index > 0 && run.started_at! < runs[index - 1]!.finished_at!);

describe('a scheduler killed with -9 round after round', () => {
	it(`keeps history whole, runs nothing twice and leaves nothing behind (KILL_ROUNDS=${rounds} KILL_SEED=${seed})`, async () => {
		console.log(`kill-nine-rounds: KILL_SEED=${seed} KILL_ROUNDS=${rounds}`);
		const random = seededRandom(seed);
		const root = processes.makeRoot({'svc.sh': serviceScript, 'side/.keep': ''});
		root.write('jobs/mark.ts', markJob(root.dir));
		root.write('config/jobs.yaml', jobsYaml(root.dir));
		serviceProcesses.watch(root.dir);
		const script = `${root.dir}/svc.sh`;
		const serviceCopies: number[] = [];
		const outputs: string[] = [];

		for (let round = 1; round <= rounds; round++) {
			const app = processes.start(root.dir);
			// A third of the kills come at any moment of the start (the dead one's runs being ended, say).
			// Of the others, half come in the first milliseconds of a second, as that second's runs start.
			const early = random() < 0.33;
			const atFires = random() < 0.5;
			const delay = Math.floor(random() * (early ? 1500 : (atFires ? 25 : 2500)));
			if (early) {
				await sleep(delay);
			} else {
				await started(app, `start ${round}`);
				await waitFor(() => statusServices(root.dir).find(service => service.id === 'svc' && service.state === 'up'), 20_000, `the service up after start ${round}`);
				serviceCopies.push(processesWith(script).length);
				await sleep(atFires ? 1000 - (Date.now() % 1000) + delay : delay);
			}

			serviceCopies.push(processesWith(script).length);
			app.child.kill('SIGKILL');
			await app.exited;
			outputs.push(app.output().stdout);
		}

		const last = processes.start(root.dir);
		await started(last, 'the last start');
		await waitFor(() => statusServices(root.dir).find(service => service.id === 'svc' && service.state === 'up'), 20_000, 'the service up after the last start');
		serviceCopies.push(processesWith(script).length);
		// Something of the last start's own recorded: a run of each job that began after it.
		const lastStart = Date.now();
		await waitFor(() => ['mod', 'cmd'].every(job => readRuns(root.dir).some(run => run.job_id === job && run.status === 'success' && run.started_at! > lastStart)), 20_000, 'runs of the last start')
			.catch((error: unknown) => {
				throw new Error(`${(error as Error).message}; the last runs: ${readRuns(root.dir).slice(-12).map(run => `${run.id} ${run.job_id} ${run.status} ${run.error_message ?? ''}`).join(' | ')}`);
			});
		const stoppedAt = Date.now();
		last.child.kill('SIGTERM');
		expect(await last.exited).toBe(0);
		outputs.push(last.output().stdout);

		// The database is whole, by sqlite3's own check.
		const integrity = spawnSync('sqlite3', [path.join(root.dir, 'data/sage.db'), 'PRAGMA integrity_check'], {encoding: 'utf8'});
		expect(integrity.stdout.trim()).toBe('ok');

		const runs = readRuns(root.dir);
		// Nothing left open by a clean stop.
		expect(runs.filter(run => run.status === 'running' || run.status === 'queued').map(run => `${run.id} ${run.job_id} ${run.status}`)).toEqual([]);
		// Runs cut by a kill are interrupted: only the clean stop (`shutdown: cancel`) cancels.
		expect(runs.filter(run => run.status === 'cancelled' && run.finished_at! < stoppedAt).map(run => `${run.id} ${run.job_id} cancelled`)).toEqual([]);
		// retries: 2 is three attempts at most, kills or not.
		expect(runs.filter(run => run.job_id === 'flaky' && (run as RunRow & {attempt: number}).attempt > 3).map(run => run.id)).toEqual([]);
		// Each interrupted run was told once: one start said it was left running (or queued) by a dead scheduler.
		const said = outputs.join('\n');
		const told = (run: RunRow) => said.split(`run ${run.id} of ${run.job_id} was interrupted (`).length - 1;
		const interrupted = runs.filter(run => run.status === 'interrupted');
		console.log(`kill-nine-rounds: ${runs.length} runs, ${interrupted.length} interrupted; told counts: ${JSON.stringify(interrupted.map(run => [run.id, told(run)]))}`);
		expect(interrupted.filter(run => told(run) !== 1).map(run => `${run.id} of ${run.job_id} told ${told(run)} times`)).toEqual([]);

		// Run ids are unique, each row's log file is there, and each log file under logs/jobs/ is a row's.
		expect(new Set(runs.map(run => run.id)).size).toBe(runs.length);
		const rowLogs = new Set(runs.map(run => run.log_path).filter(Boolean).map(file => path.resolve(root.dir, file!)));
		expect([...rowLogs].filter(file => !existsSync(file))).toEqual([]);
		const logDir = path.join(root.dir, 'logs/jobs');
		// A kill between a log file's creation and the commit of its run's row (the same instant, no await between)
		// leaves that file empty and no row naming it; one with lines belongs to a row, as every row's log is its own.
		const runIdIn = (file: string) => /"runId":(\d+)/.exec(readFileSync(file, 'utf8'))?.[1];
		const stray = readdirSync(logDir).map(name => path.join(logDir, name)).filter(file => !rowLogs.has(file) && readFileSync(file, 'utf8') !== '');
		expect(stray.map(file => {
			const row = runs.find(run => String(run.id) === runIdIn(file));
			return `${path.basename(file)} (run ${runIdIn(file)}: ${row ? `${row.job_id} ${row.status}, its row names ${row.log_path}` : 'no row'})`;
		})).toEqual([]);
		expect(runs.filter(run => run.log_path?.startsWith(logDir) && ![undefined, String(run.id)].includes(runIdIn(run.log_path))).map(run => `${run.id}: ${run.log_path} is run ${runIdIn(run.log_path!)}'s`)).toEqual([]);

		// Nothing ran twice: each command run appended its id once at most, and a success did append it.
		const cmdLines = readFileSync(path.join(root.dir, 'side/cmd.txt'), 'utf8').trim().split('\n');
		expect(cmdLines.filter((line, index) => cmdLines.indexOf(line) !== index)).toEqual([]);
		const cmdRuns = new Map(runs.filter(run => run.job_id === 'cmd').map(run => [String(run.id), run]));
		expect(cmdLines.filter(line => !cmdRuns.has(line))).toEqual([]);
		expect([...cmdRuns.values()].filter(run => run.status === 'success' && !cmdLines.includes(String(run.id))).map(run => run.id)).toEqual([]);
		// And each module run wrote its own file once.
		const side = readdirSync(path.join(root.dir, 'side'));
		expect(side.filter(name => name.endsWith('.again'))).toEqual([]);
		const modRuns = new Set(runs.filter(run => run.job_id === 'mod').map(run => `mod-${run.id}`));
		expect(side.filter(name => name.startsWith('mod-') && !modRuns.has(name))).toEqual([]);

		// concurrency: skip: never two runs of the job at once in history.
		const skipper = runs.filter(run => run.job_id === 'skipper' && run.started_at !== null).sort((a, b) => a.started_at! - b.started_at!);
		expect(overlaps(skipper).map(run => run.id)).toEqual([]);

		// No job's or service's process outlives the clean stop.
		await waitFor(() => markedProcesses(root.dir).length === 0 && processesWith(script).length === 0, 10_000, 'no process of a run left').catch(() => undefined);
		expect(markedProcesses(root.dir)).toEqual([]);
		expect(processesWith(script)).toEqual([]);

		// The service: never two copies at once.
		expect(existsSync(path.join(root.dir, 'side/svc.double')) ? readFileSync(path.join(root.dir, 'side/svc.double'), 'utf8') : '').toBe('');
		expect(serviceCopies.filter(count => count > 1)).toEqual([]);
	}, 600_000);
});
