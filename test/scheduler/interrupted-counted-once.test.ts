/**
 * A run a killed scheduler left running is closed as interrupted at the next start and counted once
 * in today's figures (the header's "today N runs · F failed", `status`, the API), as history lists
 * it. Its row is committed before it is told (so a kill cannot alert it twice), which the start's
 * count then read, and it was counted a second time on top: after a kill -9, today read one run and
 * one failure more than history held. While history writes wait (another process holds the
 * database), the row is not in history yet and is counted from memory, once too.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openDatabase} from '../../src/store/open-database.js';
import {seedRun} from '../helpers/seed-run.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
const jobsYaml = 'jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n';

/** Today (the test clock's 2026-11-20, Shanghai): one run that failed, one left running by a killed scheduler. */
function seedToday(store: Parameters<typeof seedRun>[0]) {
	const at = (time: string) => Date.parse(`2026-11-20T${time}+08:00`);
	seedRun(store, {jobId: 'a', trigger: 'manual', status: 'failed', scheduledAt: at('09:00:00'), startedAt: at('09:00:00'), finishedAt: at('09:00:01'), attempt: 1, error: {type: 'Error', message: 'boom'}});
	return seedRun(store, {jobId: 'a', trigger: 'manual', status: 'running', scheduledAt: at('09:30:00'), startedAt: at('09:30:00'), attempt: 1});
}

describe('a run left running, interrupted at the next start', () => {
	it('is counted once in today\'s figures, as history has it', async () => {
		const t = openScheduler(jobsYaml);
		const orphan = seedToday(t.store);
		t.scheduler.start();
		expect((await t.stored(orphan.id))?.status).toBe('interrupted');

		expect(t.scheduler.snapshot().today).toEqual({day: '2026-11-20', runs: 2, succeeded: 0, failed: 2, cancelled: 0});
		expect(t.store.query({}).filter(run => run.status === 'failed' || run.status === 'interrupted')).toHaveLength(2);
	});

	it('is counted once while another process holds the database and its row waits to be written', async () => {
		const t = openScheduler(jobsYaml);
		const orphan = seedToday(t.store);
		const other = openDatabase(path.join(t.root.dir, 'data', 'sage.db'));
		other.pragma('busy_timeout = 0');
		other.exec('BEGIN EXCLUSIVE');
		try {
			t.scheduler.start();
			expect(t.scheduler.snapshot().today).toEqual({day: '2026-11-20', runs: 2, succeeded: 0, failed: 2, cancelled: 0});
		} finally {
			other.exec('COMMIT');
			other.close();
		}

		expect((await t.stored(orphan.id))?.status).toBe('interrupted');
		expect(t.scheduler.snapshot().today).toEqual({day: '2026-11-20', runs: 2, succeeded: 0, failed: 2, cancelled: 0});
	});
});
