import {statfsSync} from 'node:fs';

/** Below this much free space, SQLite cannot make its -shm file (32 KiB) or grow the database. */
const nearlyFullBytes = 64 * 1024;

/**
 * What to add to an SQLite error met opening the database in `folder`: SQLite says only `disk I/O
 * error` when the disk is full and it cannot size its -shm file, so an I/O or "full" error on a disk
 * with (almost) nothing free says so; anything else, or a disk with room, adds nothing.
 */
export function fullDiskNote(error: unknown, folder: string): string {
	const code = (error as {code?: unknown} | undefined)?.code;
	if (typeof code !== 'string' || !(code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL')) {
		return '';
	}

	let free: number;
	try {
		const stats = statfsSync(folder);
		free = stats.bavail * stats.bsize;
	} catch {
		return '';
	}

	return free < nearlyFullBytes ? ` (the disk holding ${folder} is full: ${Math.floor(free / 1024)} KiB free)` : '';
}

/** SQLite could not size the -shm file a WAL database is read through: the disk is full. */
export function isShmSizeError(error: unknown): boolean {
	return (error as {code?: unknown} | undefined)?.code === 'SQLITE_IOERR_SHMSIZE';
}
