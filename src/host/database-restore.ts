import {mkdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {openDatabase, type SqliteDatabase} from '../store/open-database.js';

/** Something that runs statements on the history database and can go on with a new connection. */
export type DatabaseUser = {reattach(db: SqliteDatabase): void};

/**
 * The history database the scheduler has open, and what uses it. When the file is deleted from under
 * a running scheduler, `restore()` writes the open database back to its path (SQLite's online backup,
 * so nothing recorded is lost) and moves every user onto the restored file.
 */
export class HistoryDatabase {
	private inode: number | undefined;
	private readonly users: DatabaseUser[] = [];

	constructor(private current: SqliteDatabase, readonly file: string) {
		this.inode = statSync(file).ino;
	}

	get db(): SqliteDatabase {
		return this.current;
	}

	/** The inode of the file the connection is on (the path may now name another, or none). */
	get openInode(): number | undefined {
		return this.inode;
	}

	/** Registers a user; returns it, for construction in place. */
	use<U extends DatabaseUser>(user: U): U {
		this.users.push(user);
		return user;
	}

	async restore(): Promise<void> {
		mkdirSync(path.dirname(this.file), {recursive: true, mode: 0o750});
		await this.current.backup(this.file);
		const restored = openDatabase(this.file);
		restored.pragma('busy_timeout = 0');
		for (const user of this.users) {
			user.reattach(restored);
		}

		const old = this.current;
		this.current = restored;
		this.inode = statSync(this.file).ino;
		old.close();
	}

	close(): void {
		this.current.close();
	}
}
