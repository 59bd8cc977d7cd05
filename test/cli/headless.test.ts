import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {trackHeadlessProcesses, runCli} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {integrityCheck, readRuns} from '../helpers/history-file.js';
import {testJobs, type TempRoot} from '../helpers/temp-root.js';

const processes = trackHeadlessProcesses();
let root: TempRoot | undefined;

describe('sage-console --headless', () => {
	it('times out a job that spins forever while other jobs keep firing on time', async () => {
		root = processes.makeRoot({...testJobs, 'config/jobs.yaml': `jobs:
  - {id: tick, cron: "* * * * * *", command: ["true"]}
  - {id: spin, cron: "*/3 * * * * *", module: jobs/spin.ts, timeout: 2s}
`});
		const app = processes.start(root.dir);
		await waitFor(() => app.output().stdout.includes('scheduler started'), 20_000, 'start');
		const timedOut = await waitFor(() => readRuns(root!.dir).find(row => row.job_id === 'spin' && row.status === 'timeout'), 20_000, 'a timed-out spin run');
		// Ticks on past the timeout, five in all (a fixed 2 s left a slow start with four).
		await waitFor(() => {
			const started = readRuns(root!.dir).filter(row => row.job_id === 'tick' && row.started_at !== null);
			return started.length >= 5 && started.filter(row => row.scheduled_at > timedOut.finished_at!).length >= 2;
		}, 20_000, 'ticks past the timeout');
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
		const all = readRuns(root.dir);
		const ticks = all.filter(row => row.job_id === 'tick' && row.started_at !== null);
		expect(ticks.length).toBeGreaterThanOrEqual(5);
		// Consecutive seconds, none lost while the spin job burned a core.
		const seconds = ticks.map(row => row.scheduled_at / 1000);
		expect(seconds.every((second, i) => i === 0 || second - seconds[i - 1]! === 1)).toBe(true);
		// A fire the scheduler's thread held a second or more is coalesced with the next (a second missing
		// above); a start is the fire and the spawn of `true`, which a loaded box may slow.
		const lateness = ticks.map(row => row.started_at! - row.scheduled_at);
		expect(Math.max(...lateness)).toBeLessThan(2000);
		expect(all.find(row => row.job_id === 'spin' && row.status === 'timeout')).toMatchObject({error_type: 'Timeout'});
		expect(integrityCheck(root.dir)).toBe('ok');
	});

	it('leaves one log file per run, each with its lines, and no spare files made ahead of time after a clean stop', async () => {
		root = processes.makeRoot({...testJobs, 'config/jobs.yaml': `jobs:
  - {id: ok, cron: "* * * * * *", module: jobs/ok.ts}
  - {id: tick, cron: "* * * * * *", command: ["true"]}
`});
		const app = processes.start(root.dir);
		await waitFor(() => readRuns(root!.dir).filter(row => row.status === 'success').length >= 6, 20_000, 'six runs');
		// ps and top tell this root's scheduler apart: its command and flags, not only the program's name.
		expect(readFileSync(`/proc/${app.child.pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()).toBe(`sage-console --headless --root ${root.dir}`);
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
		const runs = readRuns(root.dir).filter(row => row.log_path !== null);
		const logFolder = path.join(root.dir, 'logs', 'jobs');
		expect(readdirSync(logFolder).sort()).toEqual(runs.map(row => path.basename(row.log_path!)).sort());
		for (const run of runs) {
			expect(readFileSync(run.log_path!, 'utf8')).toContain('"msg":"run started"');
		}
	});

	it('refuses a second scheduler on the same database, naming the holder pid', async () => {
		root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "*/5 * * * * *", command: ["true"]}\n'});
		const first = processes.start(root.dir);
		await waitFor(() => first.output().stdout.includes('scheduler started'), 20_000, 'start');
		// Its first line names its pid once (no repeated key a JSON reader would take one of).
		const starting = first.output().stdout.split('\n')[0]!;
		expect(starting.match(/"pid":/g)).toEqual(['"pid":']);
		expect(JSON.parse(starting)).toMatchObject({pid: first.child.pid, msg: 'sage-console starting'});
		const second = runCli(['--headless', '--root', root.dir]);
		expect(second.code).toBe(3);
		expect(second.stderr).toContain(`another sage-console (pid ${first.child.pid}`);
		expect(runCli(['history', '--root', root.dir]).code).toBe(0);
		expect(runCli(['list', '--root', root.dir]).code).toBe(0);
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);
	});

	it('after kill -9 during a run: an interrupted row with its last progress, an intact log, a readable database', async () => {
		root = processes.makeRoot({...testJobs, 'jobs/steps.ts': `export default async function run(ctx: any) {
	for (let i = 1; i <= 1000; i++) { ctx.log.info({i}, 'step ' + i); ctx.progress(i / 1000, 'step ' + i); await new Promise(r => setTimeout(r, 10)); }
}\n`, 'config/jobs.yaml': 'jobs:\n  - {id: steps, cron: "*/2 * * * * *", module: jobs/steps.ts}\n'});
		const app = processes.start(root.dir);
		await waitFor(() => readRuns(root!.dir).find(row => row.status === 'running' && (row.progress ?? 0) > 0.1), 30_000, 'progress saved');
		app.child.kill('SIGKILL');
		await app.exited;
		const restarted = processes.start(root.dir);
		await waitFor(() => restarted.output().stdout.includes('scheduler started'), 20_000, 'restart');
		restarted.child.kill('SIGTERM');
		await restarted.exited;
		const interrupted = readRuns(root.dir).find(row => row.status === 'interrupted');
		expect(interrupted).toMatchObject({job_id: 'steps', error_type: 'Interrupted'});
		expect(interrupted!.progress).toBeGreaterThan(0.1);
		expect(interrupted!.message).toMatch(/^step \d+$/);
		const logLines = readFileSync(interrupted!.log_path!, 'utf8').trimEnd().split('\n');
		expect(() => logLines.map(line => JSON.parse(line) as unknown)).not.toThrow();
		expect(logLines.length).toBeGreaterThan(100);
		expect(integrityCheck(root.dir)).toBe('ok');
	});
});
