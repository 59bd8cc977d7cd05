import {readFileSync} from 'node:fs';
import {hostname} from 'node:os';
import type {SqliteDatabase} from './open-database.js';

export class SchedulerLockedError extends Error {
	override name = 'SchedulerLockedError';

	constructor(readonly holderPid: number, readonly holderHost: string, database: string) {
		super(`another sage-console (pid ${holderPid} on ${holderHost}) is already scheduling with ${database}; stop it first, or use read-only commands (history, list, show) beside it`);
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}

	// A reused pid that belongs to something other than node is not our holder.
	try {
		const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		return /node|sage-console/.test(commandLine);
	} catch {
		return true;
	}
}

/**
 * One scheduling process per database, recorded in the database itself.
 * A holder that no longer runs (killed with -9) is taken over.
 * @returns the pid of a stale holder that was taken over, if any
 */
export function acquireSchedulerLock(db: SqliteDatabase, database: string, now = Date.now()): {takenOverFrom?: number} {
	const host = hostname();
	return db.transaction(() => {
		const holder = db.prepare('SELECT pid, hostname FROM scheduler_lock WHERE id = 1').get() as {pid: number; hostname: string} | undefined;
		if (holder && holder.pid !== process.pid) {
			const sameHost = holder.hostname === host;
			if (!sameHost || isAlive(holder.pid)) {
				throw new SchedulerLockedError(holder.pid, holder.hostname, database);
			}
		}

		db.prepare('INSERT INTO scheduler_lock (id, pid, hostname, started_at) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET pid = excluded.pid, hostname = excluded.hostname, started_at = excluded.started_at')
			.run(process.pid, host, now);
		return holder && holder.pid !== process.pid ? {takenOverFrom: holder.pid} : {};
	}).immediate();
}

export function releaseSchedulerLock(db: SqliteDatabase): void {
	db.prepare('DELETE FROM scheduler_lock WHERE id = 1 AND pid = ?').run(process.pid);
}
