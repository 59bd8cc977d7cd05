import type {SqliteDatabase} from './open-database.js';

/** Which scheduler a row is: its process and the moment it started (a pid alone may come back). */
export type SchedulerIdentity = {pid: number; startedAt: number};

/** One life of the root's scheduler: a `scheduler_life` row (the newest: the one now, or the last). */
export type SchedulerLife = SchedulerIdentity & {
	host: string;
	/** Last known alive (refreshed while it runs; a console's crashed thread: the crash). */
	aliveAt: number;
	/** Written by a clean stop only. */
	stoppedAt?: number;
	/** A console's scheduler thread that crashed: the error, and the crashes in the console's window then. */
	crash?: string;
	crashes?: number;
	/** Its end was told to the phone then (by the start after it, or by a console that gave up starting its thread again). */
	toldAt?: number;
};

/** The deaths of the lives before a start, for the crash-loop policy (crash-loop.ts). */
export type RecentDeaths = {
	/** Lives that ended without a clean stop and were last alive at or after `since`. */
	inWindow: number;
	/** Lives that ended without a clean stop whose end no alert told yet (held back in a crash loop). */
	untold: number;
	/** The newest moment an alert told an end. */
	lastToldAt?: number;
};

type Row = {pid: number; host: string; started_at: number; alive_at: number; stopped_at: number | null; crash: string | null; crashes: number | null; told_at: number | null};

/** The newest row: the scheduler now, or the last one. */
const newest = '(SELECT max(id) FROM scheduler_life)';

function prepareStatements(db: SqliteDatabase) {
	return {
		select: db.prepare<[], Row>(`SELECT pid, host, started_at, alive_at, stopped_at, crash, crashes, told_at FROM scheduler_life WHERE id = ${newest}`),
		insert: db.prepare('INSERT INTO scheduler_life (pid, host, started_at, alive_at) VALUES (@pid, @host, @startedAt, @startedAt)'),
		prune: db.prepare(`DELETE FROM scheduler_life WHERE alive_at < @before AND id < ${newest}`),
		alive: db.prepare('UPDATE scheduler_life SET alive_at = @at WHERE pid = @pid AND started_at = @startedAt AND stopped_at IS NULL'),
		stopped: db.prepare('UPDATE scheduler_life SET stopped_at = @at, alive_at = @at WHERE pid = @pid AND started_at = @startedAt'),
		// The console's newest life only: its threads before it (same pid) died and were told of already.
		crashed: db.prepare(`UPDATE scheduler_life SET alive_at = @at, crash = @crash, crashes = @crashes WHERE id = ${newest} AND pid = @pid AND stopped_at IS NULL`),
		told: db.prepare(`UPDATE scheduler_life SET told_at = @at WHERE id = ${newest} AND pid = @pid AND stopped_at IS NULL`),
		deaths: db.prepare<{since: number; pid: number; startedAt: number}, {inWindow: number | null; untold: number | null; lastToldAt: number | null}>(`
			SELECT sum(stopped_at IS NULL AND alive_at >= @since) AS inWindow,
				sum(stopped_at IS NULL AND told_at IS NULL) AS untold,
				max(told_at) AS lastToldAt
			FROM scheduler_life WHERE NOT (pid = @pid AND started_at = @startedAt)`),
		toldAll: db.prepare('UPDATE scheduler_life SET told_at = @at WHERE stopped_at IS NULL AND told_at IS NULL AND NOT (pid = @pid AND started_at = @startedAt)'),
	};
}

/**
 * The recent lives of the root's scheduler, one row each: written at its start, its last-alive stamp
 * refreshed while it runs, its stop written by a clean stop only. A start that finds the newest row with
 * no stop knows the one before it died (killed, out of memory, the power gone, its thread crashed); the
 * rows before it count the deaths of a crash loop. Writes name the scheduler they belong to: a late
 * write of one never marks its successor. A start deletes the lives older than it needs (`begin`).
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

	/** The deaths among the lives before `me` (which is alive: not one of them). */
	deaths(since: number, me: SchedulerIdentity): RecentDeaths {
		const row = this.s.deaths.get({since, ...me});
		return {inWindow: row?.inWindow ?? 0, untold: row?.untold ?? 0, lastToldAt: row?.lastToldAt ?? undefined};
	}

	/** The alert sent at `at` told every death not told yet (those held back before it too), but not `me`'s. */
	toldAll(me: SchedulerIdentity, at: number): void {
		this.s.toldAll.run({...me, at});
	}

	/** This scheduler is the root's now: a new newest life; lives last alive before `keepAfter` are dropped. */
	begin(life: SchedulerIdentity & {host: string}, keepAfter: number): void {
		this.s.prune.run({before: keepAfter});
		this.s.insert.run(life);
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
