/** The history database deleted from under a running scheduler. */
import {rmSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {integrityCheck, readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe('a deleted database', () => {
	it('the database file deleted while the scheduler runs is restored from the open copy and history goes on, loudly', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n'});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		await waitFor(() => readRuns(root.dir).length >= 2, 20_000, 'ticks recorded');
		const file = path.join(root.dir, 'data/sage.db');
		for (const part of ['', '-wal', '-shm']) {
			rmSync(`${file}${part}`, {force: true});
		}

		await waitFor(() => app.output().stdout.includes('was deleted while the scheduler ran; restoring it'), 20_000, 'the deletion to be noticed');
		await waitFor(() => app.output().stdout.includes('restored from the open database'), 20_000, 'the database to be restored');
		const restoredAt = Date.now();
		await waitFor(() => readRuns(root.dir).some(row => row.scheduled_at > restoredAt + 1000 && row.status === 'success'), 20_000, 'new runs in the restored file');
		// The runs from before the deletion are still there.
		expect(readRuns(root.dir)[0]!.id).toBe(1);
		// The lock never lived in the database: a second scheduler is still refused.
		expect(runCli(['--headless', '--root', root.dir], {timeoutMs: 30_000}).code).toBe(3);
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
		expect(integrityCheck(root.dir)).toBe('ok');
	});
});
