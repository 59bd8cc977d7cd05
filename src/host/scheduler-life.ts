import {hostname} from 'node:os';
import {crashWindowMinutes} from './scheduler-crash-window.js';
import {schedulerDownNotice} from './scheduler-down-notice.js';
import type {HistoryDatabase} from './database-restore.js';
import type {Notifier} from '../notify/notifier.js';
import {howItEnded, schedulerDownMessage} from '../notify/scheduler-down-messages.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {SqliteDatabase} from '../store/open-database.js';
import {SchedulerLifeStore, type SchedulerIdentity, type SchedulerLife} from '../store/scheduler-life-store.js';
import {zonedClock, zonedDate} from '../time/zoned-time.js';

/** How often a running scheduler says it is alive (one small UPDATE): the gap an alert shows is this precise. */
export const aliveEveryMs = 60_000;
/** The header's notice that the scheduler before died stands this long (it is in the log for good). */
const noticeForMs = 60 * 60_000;
const noticeKey = 'scheduler-was-down';

/** At a start or a stop, a database another process writes to is waited for this long (nothing fires meanwhile). */
function patiently<T>(db: SqliteDatabase, work: () => T): T {
	db.pragma('busy_timeout = 2000');
	try {
		return work();
	} finally {
		db.pragma('busy_timeout = 0');
	}
}

/** Runs `work` and counts the runs it closed as interrupted (the start settles the runs the dead one left). */
function countInterrupted(scheduler: Scheduler, work: () => void): number {
	let interrupted = 0;
	const off = scheduler.events.on('run-finished', run => {
		if (run.status === 'interrupted') {
			interrupted++;
		}
	});
	try {
		work();
	} finally {
		off();
	}

	return interrupted;
}

export type LifeParts = {database: HistoryDatabase; scheduler: Scheduler; notifier: Notifier; logger: SchedulerLogger; root: string};

/**
 * This scheduler's life in the history database (`scheduler_life`, scheduler-life-store.ts): begun at its
 * start, said alive every minute, ended by a clean stop. The start that finds the one before it never
 * stopped cleanly (a `kill -9`, the OOM killer, the power gone, a console's crashed thread) tells the
 * operator once: an alert through the configured channels (`⚠ sage-console was down`, with the gap and
 * the runs this start closed as interrupted), the log, and a notice in the header for an hour. The first
 * start of a root, a clean stop, and a one-off `run` (no scheduler) tell nothing.
 */
export class SchedulerLifeRecord {
	private readonly store: SchedulerLifeStore;
	private me: SchedulerIdentity | undefined;
	private beat: NodeJS.Timeout | undefined;
	private noticeTimer: NodeJS.Timeout | undefined;

	constructor(private readonly parts: LifeParts) {
		this.store = parts.database.use(new SchedulerLifeStore(parts.database.db));
	}

	/** Begins this scheduler's life around `start` (the scheduler's start, which settles the runs left), and tells of the one before if it died. */
	begin(start: () => void): void {
		const previous = this.record();
		const interrupted = countInterrupted(this.parts.scheduler, start);
		if (previous && this.me) {
			this.tell(previous, this.me, interrupted);
		}

		this.beat = setInterval(() => {
			try {
				this.store.alive(this.me!, Date.now());
			} catch {
				// The database busy with another process's write, or gone a moment: the next minute says it.
			}
		}, aliveEveryMs);
		this.beat.unref();
	}

	/** A clean stop: the next start tells nothing. */
	end(): void {
		clearInterval(this.beat);
		clearTimeout(this.noticeTimer);
		if (!this.me) {
			return;
		}

		try {
			patiently(this.parts.database.db, () => this.store.stopped(this.me!, Date.now()));
		} catch (error) {
			this.parts.logger.error({err: error}, `could not record the clean stop (the next start will say this scheduler was down): ${(error as Error).message}`);
		}
	}

	/** Reads the life before and writes this one's; the one before when it ended without a clean stop. */
	private record(): SchedulerLife | undefined {
		const me = {pid: process.pid, startedAt: Date.now()};
		try {
			return patiently(this.parts.database.db, () => {
				// Immediate: the write lock taken (waited for) before the read, so the read stays true.
				const previous = this.parts.database.db.transaction(() => {
					const last = this.store.last();
					this.store.begin({...me, host: hostname()});
					return last;
				}).immediate();
				this.me = me;
				return previous?.stoppedAt === undefined ? previous : undefined;
			});
		} catch (error) {
			this.parts.logger.error({err: error}, `could not record this scheduler's start (a scheduler before it that died is not told): ${(error as Error).message}`);
			return undefined;
		}
	}

	private tell(previous: SchedulerLife, me: SchedulerIdentity, interrupted: number): void {
		const {scheduler, notifier, logger, root} = this.parts;
		const zone = scheduler.currentConfig.timezone;
		const at = (ms: number) => `${zonedDate(ms, zone)} ${zonedClock(ms, zone)}`;
		const text = `sage-console was down: the scheduler before (pid ${previous.pid}, started ${at(previous.startedAt)}, last alive ${at(previous.aliveAt)}) is gone — ${howItEnded(previous, crashWindowMinutes)}; started again ${at(me.startedAt)}, ${interrupted} run${interrupted === 1 ? '' : 's'} closed interrupted`;
		logger.warn({previous, interrupted, alreadyTold: previous.toldAt !== undefined}, text);
		scheduler.setNotice(noticeKey, schedulerDownNotice(previous, me.startedAt, interrupted, zone, crashWindowMinutes));
		this.noticeTimer = setTimeout(() => scheduler.setNotice(noticeKey, undefined), noticeForMs);
		this.noticeTimer.unref();
		if (previous.toldAt !== undefined) {
			// The console that gave up starting it again sent the alert then.
			return;
		}

		const message = schedulerDownMessage(previous, {root, host: hostname(), pid: me.pid, startedAt: me.startedAt, interrupted}, crashWindowMinutes);
		void notifier.send(message, {}, 'notify_job_failures');
	}
}
