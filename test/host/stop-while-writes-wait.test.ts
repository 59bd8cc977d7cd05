/**
 * A scheduler asked to stop while its history writes wait (another process holds the database's write
 * lock and does not let go): with real processes (the built binary, headless; a python3 sqlite3 session
 * holding the lock), SIGTERM ends it within its last drain's few seconds, exit 0, its lock and socket
 * gone and the log saying what was not written (a run that came and went meanwhile is missing from
 * history, as it says); it does not go on retrying against a closed database.
 */
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {integrityCheck, readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const holders: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
	for (const holder of holders.splice(0)) {
		holder.kill('SIGKILL');
	}
});

/** Another process takes the database's write lock and keeps it until killed. */
async function holdWriteLock(dbFile: string): Promise<ReturnType<typeof spawn>> {
	const holder = spawn('/usr/bin/python3', ['-c', `import sqlite3, time
db = sqlite3.connect(${JSON.stringify(dbFile)}, isolation_level=None)
db.execute('BEGIN EXCLUSIVE')
print('locked', flush=True)
time.sleep(600)`], {stdio: ['ignore', 'pipe', 'inherit']});
	holders.push(holder);
	let said = '';
	holder.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		said += chunk;
	});
	await waitFor(() => said.includes('locked'), 10_000, 'the other process to lock the database');
	return holder;
}

describe('a stop while history writes wait', () => {
	it('SIGTERM ends the scheduler within its last drain when the database stays locked, instead of retrying forever', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: note, trigger: manual, command: ["sh", "-c", "echo noted"]}\n'});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const dbFile = path.join(root.dir, 'data/sage.db');
		const holder = await holdWriteLock(dbFile);
		expect(runCli(['run', 'note', '--detach', '--root', root.dir]).code).toBe(0);
		await waitFor(() => /history writes failing, \d+ waiting \(kept in order, retried\): database is locked/.test(app.output().stdout), 20_000, 'the writes to wait');

		const stoppedAt = Date.now();
		app.child.kill('SIGTERM');
		const code = await Promise.race([app.exited, new Promise(resolve => {
			setTimeout(() => resolve('still running 20 s after SIGTERM'), 20_000);
		})]);
		expect(code).toBe(0);
		expect(Date.now() - stoppedAt).toBeLessThan(15_000);
		expect(app.output().stdout).toMatch(/history writes still failing at exit: \d+ not written \(a run whose start was written shows as interrupted at the next start; one whose start was not is missing from history\)/);
		expect(app.output().stdout).not.toMatch(/The database connection is not open/);
		expect(existsSync(path.join(root.dir, 'data/sage.lock'))).toBe(false);
		expect(existsSync(path.join(root.dir, 'data/sage.sock'))).toBe(false);

		holder.kill('SIGKILL');
		expect(integrityCheck(root.dir)).toBe('ok');
		// The run came and went while the database was locked: none of it was written, as the log said.
		expect(readRuns(root.dir).filter(run => run.job_id === 'note')).toEqual([]);
	}, 60_000);
});
