import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {HistoryWrites} from '../../src/scheduler/history-writes.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {ManualClock} from '../helpers/manual-clock.js';
import {scratchDir} from '../helpers/temp-root.js';

function setUp() {
	const db = openDatabase(path.join(scratchDir(), 'sage.db'));
	const store = new HistoryStore(db);
	const said: string[] = [];
	const writes = new HistoryWrites(store, new ManualClock(0), (_level, message) => said.push(message), () => undefined);
	const run = (id: number, jobId: string) => ({id, jobId, trigger: 'schedule' as const, status: 'queued' as const, scheduledAt: 1000 * id, attempt: 1});
	return {db, store, said, writes, run};
}

describe('history writes', () => {
	it('a write SQLite refuses is reported and dropped; the others of its batch are kept, in order', async () => {
		const {db, store, said, writes, run} = setUp();
		writes.write('record run 1', () => store.insertRun(run(1, 'a')));
		// The same id again: SQLite refuses this one for good (a bug), not for a while (a lock).
		writes.write('record run 1 again', () => store.insertRun(run(1, 'b')));
		writes.write('record run 2', () => store.insertRun(run(2, 'c')));
		writes.write('move run 2', () => store.updateRun(2, {status: 'running', startedAt: 2500}));
		expect(await writes.drain(1000)).toBe(true);
		expect(store.query({}).map(row => [row.id, row.jobId, row.status])).toEqual([[2, 'c', 'running'], [1, 'a', 'queued']]);
		expect(said).toEqual([expect.stringMatching(/^could not record run 1 again: UNIQUE constraint failed/)]);
		db.close();
	});

	it('while another connection holds the write lock, writes wait in order and land once it lets go', async () => {
		const {db, store, said, writes, run} = setUp();
		const other = openDatabase(db.name);
		other.exec('BEGIN EXCLUSIVE');
		db.pragma('busy_timeout = 0');
		writes.write('record run 1', () => store.insertRun(run(1, 'a')));
		writes.write('move run 1', () => store.updateRun(1, {status: 'running'}));
		writes.flush();
		expect(writes.pending).toBe(2);
		expect(said).toEqual([expect.stringMatching(/^history writes failing, 2 waiting \(kept in order, retried\): database is locked/)]);
		expect(writes.notice).toMatch(/^history writes waiting \(2\): database is locked/);
		other.exec('COMMIT');
		other.close();
		writes.flush();
		expect(writes.pending).toBe(0);
		expect(store.getRun(1)?.status).toBe('running');
		expect(said.at(-1)).toMatch(/^history writes work again/);
		db.close();
	});
});
