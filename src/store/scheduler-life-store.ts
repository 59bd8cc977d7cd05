import type {SqliteDatabase} from './open-database.js';

/** Which scheduler a row is: its process and the moment it started (a pid alone may come back). */
export type SchedulerIdentity = {pid: number; startedAt: number};

/** The root's scheduler now, or the last one: the `scheduler_life` row. */
export type SchedulerLife = SchedulerIdentity & {
	host: string;
	/** Last known alive (refreshed while it runs; a console's crashed thread: the crash). */
	aliveAt: number;
	/** Written by a clean stop only. */
	stoppedAt?: number;
	/** A console's scheduler thread that crashed: the error, and the crashes in the console's window then. */
	crash?: string;
	crashes?: number;
	/** The end was already told to the phone (a console that gave up starting its thread again). */
	toldAt?: number;
};

type Row = {pid: number; host: string; started_at: number; alive_at: number; stopped_at: number | null; crash: string | null; crashes: number | null; told_at: number | null};

function prepareStatements(db: SqliteDatabase) {
	return {
		select: db.prepare<[], Row>('SELECT pid, host, started_at, alive_at, stopped_at, crash, crashes, told_at FROM scheduler_life WHERE id = 1'),
		replace: db.prepare('INSERT OR REPLACE INTO scheduler_life (id, pid, host, started_at, alive_at) VALUES (1, @pid, @host, @startedAt, @startedAt)'),
		alive: db.prepare('UPDATE scheduler_life SET alive_at = @at WHERE pid = @pid AND started_at = @startedAt AND stopped_at IS NULL'),
		stopped: db.prepare('UPDATE scheduler_life SET stopped_at = @at, alive_at = @at WHERE pid = @pid AND started_at = @startedAt'),
		crashed: db.prepare('UPDATE scheduler_life SET alive_at = @at, crash = @crash, crashes = @crashes WHERE pid = @pid AND stopped_at IS NULL'),
		told: db.prepare('UPDATE scheduler_life SET told_at = @at WHERE pid = @pid AND stopped_at IS NULL'),
	};
}

/**
 * The life of the root's scheduler, one row: written at its start, its last-alive stamp refreshed while
 * it runs, its stop written by a clean stop only. A start that finds a row with no stop knows the one
 * before it died (killed, out of memory, the power gone, its thread crashed). Writes name the scheduler
 * they belong to: a late write of one never marks its successor.
 */
export class SchedulerLifeStore {
	private s: ReturnType<typeof prepareStatements>;

	constructor(db: SqliteDatabase) {
		this.s = prepareStatements(db);
	}

	/** Goes on with another connection (the database file was restored after it was deleted). */
	reattach(db: SqliteDatabase): void {
		this.s = prepareStatements(db);
	}

	/** The scheduler that ran last (or runs); none before the first start. */
	last(): SchedulerLife | undefined {
		const row = this.s.select.get();
		return row && {
			pid: row.pid, host: row.host, startedAt: row.started_at, aliveAt: row.alive_at, stoppedAt: row.stopped_at ?? undefined,
			crash: row.crash ?? undefined, crashes: row.crashes ?? undefined, toldAt: row.told_at ?? undefined,
		};
	}

	/** This scheduler is the root's now (the row of the one before is replaced). */
	begin(life: SchedulerIdentity & {host: string}): void {
		this.s.replace.run(life);
	}

	alive(who: SchedulerIdentity, at: number): void {
		this.s.alive.run({...who, at});
	}

	stopped(who: SchedulerIdentity, at: number): void {
		this.s.stopped.run({...who, at});
	}

	/** The scheduler thread of console `pid` crashed at `at` (the console's main thread writes it). */
	crashed(pid: number, at: number, crash: string, crashes: number): void {
		this.s.crashed.run({pid, at, crash, crashes});
	}

	/** The end of console `pid`'s scheduler was told to the phone already: the next start does not tell it again. */
	told(pid: number, at: number): void {
		this.s.told.run({pid, at});
	}
}
