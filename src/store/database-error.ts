/**
 * The history database could not be opened, read or written. A file of its own, without
 * better-sqlite3: code that only tells this error apart (exit codes, the console's start of its
 * scheduler thread) does not load SQLite into the console's UI thread.
 */
export class DatabaseError extends Error {
	override name = 'DatabaseError';
}
