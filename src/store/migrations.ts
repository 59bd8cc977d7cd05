/** Schema versions, applied in order; `PRAGMA user_version` records how far a database has come. */
export const migrations: readonly string[] = [
	`
	CREATE TABLE runs (
		id            INTEGER PRIMARY KEY,
		job_id        TEXT    NOT NULL,
		trigger       TEXT    NOT NULL,
		status        TEXT    NOT NULL,
		scheduled_at  INTEGER NOT NULL,
		started_at    INTEGER,
		finished_at   INTEGER,
		duration_ms   INTEGER,
		attempt       INTEGER NOT NULL DEFAULT 1,
		progress      REAL,
		message       TEXT,
		error_type    TEXT,
		error_message TEXT,
		error_stack   TEXT,
		result        TEXT,
		log_path      TEXT,
		trade_date    TEXT
	);
	CREATE INDEX runs_by_job ON runs (job_id, scheduled_at);
	CREATE INDEX runs_by_time ON runs (scheduled_at);
	CREATE INDEX runs_by_status ON runs (status, scheduled_at);
	CREATE INDEX runs_by_finish ON runs (finished_at);
	CREATE INDEX runs_by_trade_date ON runs (trade_date, job_id, status);

	CREATE TABLE run_numbers (
		day  TEXT PRIMARY KEY,
		last INTEGER NOT NULL
	);

	CREATE TABLE job_state (
		job_id          TEXT PRIMARY KEY,
		paused          INTEGER NOT NULL DEFAULT 0,
		last_fire_at    INTEGER,
		interval_anchor INTEGER
	);

	CREATE TABLE scheduler_lock (
		id         INTEGER PRIMARY KEY CHECK (id = 1),
		pid        INTEGER NOT NULL,
		hostname   TEXT    NOT NULL,
		started_at INTEGER NOT NULL
	);
	`,
	`
	CREATE TABLE notifications (
		id          INTEGER PRIMARY KEY,
		run_id      INTEGER,
		job_id      TEXT,
		kind        TEXT    NOT NULL,
		channel     TEXT    NOT NULL,
		recipient   TEXT    NOT NULL,
		status      TEXT    NOT NULL,
		attempts    INTEGER NOT NULL DEFAULT 0,
		error       TEXT,
		created_at  INTEGER NOT NULL,
		finished_at INTEGER
	);
	CREATE INDEX notifications_by_run ON notifications (run_id);
	CREATE INDEX notifications_by_time ON notifications (created_at);

	CREATE TABLE alert_state (
		job_id   TEXT PRIMARY KEY,
		failing  INTEGER NOT NULL,
		failures INTEGER NOT NULL,
		since    INTEGER
	);
	`,
	// The console asks each job's last finished run at start and at midnight: a partial index makes
	// that one seek per job instead of a walk back over its skipped and running rows.
	`
	CREATE INDEX runs_last_finished ON runs (job_id, scheduled_at) WHERE status NOT IN ('queued', 'running', 'skipped');
	`,
	// No query reads runs by finish time, and the index cost every insert, end and retention delete a
	// write (one index of six: ~15% of a run's history writes).
	`
	DROP INDEX IF EXISTS runs_by_finish;
	`,
	// A fire's row is written while the second's other fires wait, so it should only append. Indexes
	// keyed by job first put a second's hundred rows on a hundred different pages (~20 µs a row of the
	// ~30): they now hold a run once it has ended, when nothing waits for the write. Runs still queued or
	// running are few and reached through runs_by_status.
	`
	DROP INDEX IF EXISTS runs_by_job;
	DROP INDEX IF EXISTS runs_by_trade_date;
	CREATE INDEX IF NOT EXISTS runs_by_job_ended ON runs (job_id, scheduled_at) WHERE status NOT IN ('queued', 'running');
	CREATE INDEX IF NOT EXISTS runs_succeeded ON runs (trade_date, job_id) WHERE status = 'success';
	`,
	// The process a run ran in (to end it after a crash, never a reused pid) and the worker that ran it;
	// scheduler-wide settings such as its pause.
	`
	ALTER TABLE runs ADD COLUMN pid INTEGER;
	ALTER TABLE runs ADD COLUMN pgid INTEGER;
	ALTER TABLE runs ADD COLUMN proc_start INTEGER;
	ALTER TABLE runs ADD COLUMN worker TEXT;
	CREATE TABLE IF NOT EXISTS settings (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);
	`,
	// A job's pause is the operator's only once one was set (NULL: as jobs.yaml's `paused:` says). Every
	// row used to start at 0, so a job written `paused: true` fired after the first restart. A 0 kept
	// from before cannot tell an operator's resume from that default: it becomes NULL, so such a job
	// comes back paused (never firing unasked) and a resume is kept from now on.
	`
	CREATE TABLE job_state_next (
		job_id          TEXT PRIMARY KEY,
		paused          INTEGER,
		last_fire_at    INTEGER,
		interval_anchor INTEGER
	);
	INSERT INTO job_state_next (job_id, paused, last_fire_at, interval_anchor)
		SELECT job_id, CASE WHEN paused = 1 THEN 1 END, last_fire_at, interval_anchor FROM job_state;
	DROP TABLE job_state;
	ALTER TABLE job_state_next RENAME TO job_state;
	`,
	// The root's scheduler now or last (one row): when it started, when it was last alive, and whether it
	// stopped cleanly, so the next start can tell the operator one that died (scheduler-life-store.ts).
	`
	CREATE TABLE IF NOT EXISTS scheduler_life (
		id         INTEGER PRIMARY KEY CHECK (id = 1),
		pid        INTEGER NOT NULL,
		host       TEXT    NOT NULL,
		started_at INTEGER NOT NULL,
		alive_at   INTEGER NOT NULL,
		stopped_at INTEGER,
		crash      TEXT,
		crashes    INTEGER,
		told_at    INTEGER
	);
	`,
	// Today's failures read back at a start, a reload or midnight include the runs of any earlier day
	// that ended today (a backfill or a service up for days). Only failed rows are in this index, so a
	// fire's insert and a successful end write nothing to it (runs_by_finish, over every run, was dropped
	// for that cost). Its condition must stay, word for word, the one the read names (failureStatuses).
	`
	CREATE INDEX IF NOT EXISTS runs_failed_by_finish ON runs (finished_at) WHERE status IN ('failed', 'timeout', 'interrupted');
	`,
	// The root's schedulers' recent lives, one row each (the newest is the one now or last), so a start
	// can count the deaths of a crash loop and space its alerts (scheduler-life-store.ts, crash-loop.ts).
	`
	CREATE TABLE scheduler_life_next (
		id         INTEGER PRIMARY KEY,
		pid        INTEGER NOT NULL,
		host       TEXT    NOT NULL,
		started_at INTEGER NOT NULL,
		alive_at   INTEGER NOT NULL,
		stopped_at INTEGER,
		crash      TEXT,
		crashes    INTEGER,
		told_at    INTEGER
	);
	INSERT INTO scheduler_life_next (pid, host, started_at, alive_at, stopped_at, crash, crashes, told_at)
		SELECT pid, host, started_at, alive_at, stopped_at, crash, crashes, told_at FROM scheduler_life;
	DROP TABLE scheduler_life;
	ALTER TABLE scheduler_life_next RENAME TO scheduler_life;
	`,
	// The params a run was asked for with (`run JOB --param`, the API's `params`, kept
	// by its retries) as JSON, secret values censored; NULL when none (and for every run from before). The
	// operator's retry reads them here, so a retry after a restart is not run with the job's alone.
	`
	ALTER TABLE runs ADD COLUMN params TEXT;
	`,
	// A run that went on past its job's `max_duration`: when it passed it and that limit (its live row's
	// `overMaxDuration`), written when it passes; NULL for a run that did not (and every run from before).
	// So history rows (`history --json`, `GET /v1/runs`) still say so once the run has ended.
	`
	ALTER TABLE runs ADD COLUMN over_max_duration_at INTEGER;
	ALTER TABLE runs ADD COLUMN max_duration_ms INTEGER;
	`,
	// A failed run's next attempt waiting for its job's retry backoff (one row per run it follows), so a
	// stop or a crash does not lose it: the next start runs it when due (waiting-retry-store.ts). The row
	// goes in the same commit as the retry's run row, so neither a kill -9 nor a restart runs it twice.
	// `held`: the job was paused or disabled, or the scheduler paused, when it was armed (a run the operator started by hand).
	`
	CREATE TABLE IF NOT EXISTS waiting_retries (
		run_id   INTEGER PRIMARY KEY,
		job_id   TEXT    NOT NULL,
		attempt  INTEGER NOT NULL,
		attempts INTEGER NOT NULL,
		due_at   INTEGER NOT NULL,
		backfill INTEGER NOT NULL DEFAULT 0,
		held     INTEGER NOT NULL DEFAULT 0
	);
	`,
	// The run a retry is the next attempt of (the job's own `retries:`, the operator's `retry RUN`); NULL
	// for any other run and every run from before. A start reads the links back, so `retry` and `cancel`
	// of a run follow its retries to one kept across a restart (retry-runs.ts). Only retries are indexed.
	`
	ALTER TABLE runs ADD COLUMN retry_of INTEGER;
	CREATE INDEX IF NOT EXISTS runs_retry_of ON runs (retry_of) WHERE retry_of IS NOT NULL;
	`,
	// The process that queued a delivery (pid and start time, never a reused pid), so a scheduler's start
	// closes the deliveries a killed process left 'pending' and leaves a live one-off `run`'s alone
	// (left-deliveries-at-start.ts); NULL for every row from before.
	`
	ALTER TABLE notifications ADD COLUMN pid INTEGER;
	ALTER TABLE notifications ADD COLUMN proc_start INTEGER;
	`,
];
