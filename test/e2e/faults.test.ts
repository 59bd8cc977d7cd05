/**
 * Faults an operator's box throws at a running scheduler, injected for real: another process holding
 * the database, the scheduler killed with -9 while jobs' processes run, logs/ deleted or unwritable,
 * the database file deleted. Each checks what the operator would: history rows, processes left,
 * files made again, what the log says.
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {integrityCheck, readRuns} from '../helpers/history-file.js';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {testJobs} from '../helpers/temp-root.js';

const processes = trackHeadlessProcesses();

const alive = (pid: number) => existsSync(`/proc/${pid}/stat`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');

/** Every process whose command line contains `marker`. */
function processesWith(marker: string): number[] {
	const found = spawnSync('pgrep', ['-f', marker], {encoding: 'utf8'}).stdout.trim();
	return found ? found.split('\n').map(Number).filter(pid => pid !== process.pid) : [];
}

describe('faults the scheduler survives', () => {
	it('a database locked by another process for seconds delays history writes, not fires; nothing is lost', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n'});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		await waitFor(() => readRuns(root.dir).length >= 2, 20_000, 'ticks recorded');
		// Another process takes the write lock and holds it for 6 s.
		const holder = spawn('/usr/bin/python3', ['-c', `import sqlite3, time
db = sqlite3.connect(${JSON.stringify(path.join(root.dir, 'data/sage.db'))}, isolation_level=None)
db.execute('BEGIN EXCLUSIVE')
print('locked', flush=True)
time.sleep(6)
db.execute('COMMIT')
print('released', flush=True)`], {stdio: ['ignore', 'pipe', 'inherit']});
		let said = '';
		holder.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			said += chunk;
		});
		await waitFor(() => said.includes('locked'), 10_000, 'the other process to lock the database');
		const lockedAt = Date.now();
		await waitFor(() => said.includes('released'), 20_000, 'the other process to let go');
		await waitFor(() => app.output().stdout.includes('history writes work again'), 20_000, 'writes to resume');
		expect(app.output().stdout).toMatch(/history writes failing, \d+ waiting \(kept in order, retried\): database is locked/);
		// One run for every second of the lock, each started on time: the lock held up writes, not fires.
		// Their rows and ends, held during the lock, are written once it goes: waited for, as a loaded box may take a while.
		const firstWholeSecond = (Math.ceil(lockedAt / 1000) * 1000) + 1000;
		const duringLock = () => readRuns(root.dir).filter(row => row.job_id === 'tick' && row.scheduled_at >= firstWholeSecond && row.scheduled_at <= firstWholeSecond + 3000);
		await waitFor(() => duringLock().length >= 4 && duringLock().every(row => row.status === 'success'), 20_000, 'the runs held by the lock written');
		const ticks = readRuns(root.dir).filter(row => row.job_id === 'tick');
		const during = duringLock();
		expect(during).toHaveLength(4);
		for (const row of during) {
			expect(row.status).toBe('success');
			// A start that waited for the lock would be 4-5 s late for the first of these; a loaded box may add a second.
			expect(row.started_at! - row.scheduled_at).toBeLessThan(2000);
		}

		const seconds = ticks.map(row => Math.round(row.scheduled_at / 1000));
		expect(new Set(seconds).size).toBe(seconds.length);
		expect(Math.max(...seconds) - Math.min(...seconds) + 1).toBe(seconds.length);
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
		expect(integrityCheck(root.dir)).toBe('ok');
	});

	it('kill -9 of the scheduler takes its command jobs with it, and the next start ends what their process group left, never a second copy', async () => {
		// Sleeps of a length no other process has, to find them by their command line.
		const marker = `3${String(process.pid).padStart(2, '0')}.${Date.now() % 100_000}`;
		const root = processes.makeRoot({'config/jobs.yaml': `jobs:\n  - {id: long, trigger: manual, command: ["sh", "-c", "sleep ${marker} & sleep ${marker}; wait"], concurrency: skip}\n`});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const submitted = spawnSync(binary, ['run', 'long', '--detach', '--root', root.dir], {encoding: 'utf8'});
		expect(submitted.status).toBe(0);
		// Its shell and the shell's two sleeps.
		await waitFor(() => processesWith(marker).length === 3, 20_000, 'the job\'s shell and its two sleeps');
		const row = await waitFor(() => readRuns(root.dir).find(entry => entry.job_id === 'long' && entry.status === 'running' && entry.pid), 20_000, 'the run with its pid');
		app.child.kill('SIGKILL');
		await app.exited;
		// The job's own process dies with its scheduler (parent-death signal); its background child does not.
		// (Generous: a process killed while its threads wait on a disk many tests write to ends only when they return.)
		await waitFor(() => !alive(row.pid!), 60_000, 'the job\'s process to die with the scheduler');
		expect(processesWith(marker).length).toBeGreaterThan(0);
		const next = processes.start(root.dir);
		await schedulerStarted(next);
		await waitFor(() => processesWith(marker).length === 0, 20_000, 'what the dead run left to be ended');
		await waitFor(() => readRuns(root.dir).find(entry => entry.id === row.id && entry.status === 'interrupted'), 10_000, 'the run marked interrupted');
		expect(next.output().stdout).toMatch(new RegExp(`run ${row.id} of long was left running by a previous scheduler`));
	}, 150_000);

	it('logs/ deleted and then unwritable: runs fail naming the path and the cause, the scheduler goes on, and runs succeed again once it is fixed', async () => {
		const root = processes.makeRoot({...testJobs, 'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", module: jobs/ok.ts}\n'});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		await waitFor(() => readRuns(root.dir).some(row => row.status === 'success'), 20_000, 'a first success');
		rmSync(path.join(root.dir, 'logs'), {recursive: true, force: true});
		// Made again at the next run: a deleted folder costs nothing.
		await waitFor(() => existsSync(path.join(root.dir, 'logs/jobs')), 10_000, 'logs/jobs made again');
		const before = readRuns(root.dir).length;
		await waitFor(() => readRuns(root.dir).filter(row => row.status === 'success').length > before - 1, 10_000, 'runs to succeed after the deletion');
		// Now logs/ is a file: nothing can be written under it.
		rmSync(path.join(root.dir, 'logs'), {recursive: true, force: true});
		writeFileSync(path.join(root.dir, 'logs'), 'not a folder');
		const failed = await waitFor(() => readRuns(root.dir).find(row => row.status === 'failed'), 10_000, 'a run failed for its log');
		expect(failed.error_type).toBe('RunLogUnavailable');
		// The operator sees it: a notice in status (and the console's header) while it lasts.
		const notices = () => (JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {notices: string[]}).notices;
		// The snapshot clients read follows the scheduler's changes a moment later: asked again until then.
		const notice = await waitFor(() => notices().find(text => text.startsWith('runs fail')), 15_000, 'the notice in status');
		// Whichever step met the file first says it: taking the run's log name (`cannot create`), or
		// opening the log it had just been given (`cannot write`) when logs/ became a file in between.
		expect(notice).toMatch(/^runs fail: cannot (create|write) .*logs\/jobs\//);
		expect(failed.error_message).toMatch(/cannot create .*logs\/jobs\/\d{8}_\d{3}\.log: ENOTDIR \(a part of the path is not a directory\)|ENOTDIR|EEXIST/);
		rmSync(path.join(root.dir, 'logs'));
		const fixedAt = Date.now();
		await waitFor(() => readRuns(root.dir).find(row => row.status === 'success' && row.scheduled_at > fixedAt), 10_000, 'a run to succeed once logs/ can be written');
		expect(notices().some(notice => notice.startsWith('runs fail'))).toBe(false);
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
	});
});
