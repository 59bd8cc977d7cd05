import type {JobState} from '../scheduler/ports.js';
import type {SqliteDatabase} from './open-database.js';

function prepareStatements(db: SqliteDatabase) {
	return {
		selectStates: db.prepare('SELECT job_id, paused, last_fire_at, interval_anchor FROM job_state'),
		upsertPaused: db.prepare('INSERT INTO job_state (job_id, paused) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET paused = excluded.paused'),
		upsertFire: db.prepare('INSERT INTO job_state (job_id, last_fire_at) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET last_fire_at = excluded.last_fire_at'),
		upsertAnchor: db.prepare('INSERT INTO job_state (job_id, interval_anchor) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET interval_anchor = excluded.interval_anchor'),
	};
}

/**
 * What the scheduler keeps of each job across restarts (the `job_state` table): the operator's pause
 * (absent until one pauses or resumes the job: jobs.yaml's `paused:` holds), last fire, interval anchor.
 */
export class JobStateStore {
	private readonly s: ReturnType<typeof prepareStatements>;

	constructor(db: SqliteDatabase) {
		this.s = prepareStatements(db);
	}

	jobStates(): Map<string, JobState> {
		const rows = this.s.selectStates.all() as Array<{job_id: string; paused: number | null; last_fire_at: number | null; interval_anchor: number | null}>;
		return new Map(rows.map(row => [row.job_id, {
			paused: row.paused === null ? undefined : row.paused === 1,
			lastFireAt: row.last_fire_at ?? undefined,
			intervalAnchor: row.interval_anchor ?? undefined,
		}]));
	}

	setPaused(jobId: string, paused: boolean): void {
		this.s.upsertPaused.run(jobId, paused ? 1 : 0);
	}

	recordFire(jobId: string, at: number): void {
		this.s.upsertFire.run(jobId, at);
	}

	setIntervalAnchor(jobId: string, at: number): void {
		this.s.upsertAnchor.run(jobId, at);
	}
}
