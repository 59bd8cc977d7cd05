import {parentPort, workerData} from 'node:worker_threads';
import Database from 'better-sqlite3';

const {file} = workerData as {file: string};
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
		// Busy: the next request tries again.
	}
}

// One checkpoint per request; the reply says it is done. The thread lives until it is ended.
parentPort?.on('message', (request: {id: number}) => {
	checkpoint();
	parentPort?.postMessage({id: request.id});
});
