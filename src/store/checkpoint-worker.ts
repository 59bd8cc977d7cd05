import {parentPort, workerData} from 'node:worker_threads';
import Database from 'better-sqlite3';

const {file, intervalMs} = workerData as {file: string; intervalMs: number};
const db = new Database(file, {timeout: 1000});

/**
 * PASSIVE only: it never takes the write lock, so the scheduler's writes never wait on it.
 * (TRUNCATE or RESTART would block the writer until readers finish.) The WAL is rewound when a
 * checkpoint completes, and `journal_size_limit` keeps its file small.
 */
function checkpoint(): void {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch {
		// Busy: try again next round.
	}
}

checkpoint();
setInterval(checkpoint, intervalMs);
// A checkpoint on request (a long run of writes, such as retention, asks between batches); the reply says it is done.
parentPort?.on('message', (request: {id: number}) => {
	checkpoint();
	parentPort?.postMessage({id: request.id});
});
