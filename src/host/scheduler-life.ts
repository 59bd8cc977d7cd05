import {hostname} from 'node:os';
import {crashLoopAlert, keepLivesMs, type CrashLoopAlert} from './crash-loop.js';
import {crashWindowMinutes, crashWindowMs} from './scheduler-crash-window.js';
import {schedulerDownNotice} from './scheduler-down-notice.js';
import type {HistoryDatabase} from './database-restore.js';
import type {Notifier} from '../notify/notifier.js';
import type {Message} from '../notify/notification-types.js';
import {howItEnded, interruptedRuns, schedulerDownMessage, type InterruptedAtStart, type ThisStart} from '../notify/scheduler-down-messages.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {SqliteDatabase} from '../store/open-database.js';
import {SchedulerLifeStore, type SchedulerIdentity, type SchedulerLife} from '../store/scheduler-life-store.js';
import {zonedClock, zonedDate} from '../time/zoned-time.js';

/**
 * How often a running scheduler says it is alive (one small UPDATE, no fsync in WAL mode): the gap an
 * alert shows is this precise, so an outage of a second is not told as one of up to a minute.
 */
export const aliveEveryMs = 5000;
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

/** Counts the runs closed as interrupted from now until `stop()` (the start settles the runs the dead one left). */
function countInterrupted(scheduler: Scheduler): {counted: InterruptedAtStart; stop: () => void} {
	const counted = {jobs: 0, services: 0};
	const stop = scheduler.events.on('run-finished', run => {
		if (run.status === 'interrupted') {
			if (run.trigger === 'service') {
				counted.services++;
			} else {
				counted.jobs++;
			}
		}
	});
	return {counted, stop};
}

/** The life before this start, ended without a clean stop, and what this start does about it. */
type Death = {previous: SchedulerLife; loop: CrashLoopAlert};

export type LifeParts = {database: HistoryDatabase; scheduler: Scheduler; notifier: Notifier; logger: SchedulerLogger; root: string};

/** A crash loop's alert held back until its turn: `lastToldAt`, the alert it was held after. */
type HeldAlert = {previous: SchedulerLife; thisStart: ThisStart; lastToldAt: number | undefined};

/**
 * This scheduler's life in the history database (`scheduler_life`, scheduler-life-store.ts): begun at its
 * start, said alive every 5 s, ended by a clean stop. The start that finds the one before it never
 * stopped cleanly (a `kill -9`, the OOM killer, the power gone, a console's crashed thread) tells the
 * operator once: an alert through the configured channels (`⚠ sage-console was down`, with the gap and
 * the runs this start closed as interrupted), the log, and a notice in the header for an hour. The first
 * start of a root, a clean stop, and a one-off `run` (no scheduler) tell nothing. In a crash loop the
 * alert counts the deaths in the last 10 minutes and is spaced (crash-loop.ts): one held back is sent
 * by this scheduler when its turn comes if it is still up (or as it stops cleanly before), else by the next start.
 */
export class SchedulerLifeRecord {
	private readonly store: SchedulerLifeStore;
	private me: SchedulerIdentity | undefined;
	private beat: NodeJS.Timeout | undefined;
	private noticeTimer: NodeJS.Timeout | undefined;
	private heldTimer: NodeJS.Timeout | undefined;
	/** The held alert's parts while its turn has not come (sendHeldAtStop). */
	private held: HeldAlert | undefined;
	/** Counting the runs closed interrupted, from watchLeftRuns() (or begin()) to the end of begin(). */
	private counting: ReturnType<typeof countInterrupted> | undefined;

	constructor(private readonly parts: LifeParts) {
		this.store = parts.database.use(new SchedulerLifeStore(parts.database.db));
	}

	/**
	 * Counts from now the runs closed as interrupted: called before the services a dead scheduler left
	 * are adopted, so a service run whose process was gone counts too (begin() then tells them all).
	 */
	watchLeftRuns(): void {
		this.counting ??= countInterrupted(this.parts.scheduler);
	}

	/** Begins this scheduler's life around `start` (the scheduler's start, which settles the runs left), and tells of the one before if it died. */
	begin(start: () => void): void {
		const death = this.record();
		this.watchLeftRuns();
		const counting = this.counting!;
		try {
			start();
		} finally {
			counting.stop();
			this.counting = undefined;
		}

		const interrupted = counting.counted;
		if (death && this.me) {
			this.tell(death, this.me, interrupted);
		}

		this.beat = setInterval(() => {
			try {
				this.store.alive(this.me!, Date.now());
			} catch {
				// The database busy with another process's write, or gone a moment: the next beat says it.
			}
		}, aliveEveryMs);
		this.beat.unref();
	}

	/** A clean stop: the next start tells nothing. */
	end(): void {
		this.counting?.stop();
		this.counting = undefined;
		clearInterval(this.beat);
		clearTimeout(this.noticeTimer);
		clearTimeout(this.heldTimer);
		if (!this.me) {
			return;
		}

		try {
			patiently(this.parts.database.db, () => this.store.stopped(this.me!, Date.now()));
		} catch (error) {
			this.parts.logger.error({err: error}, `could not record the clean stop (the next start will say this scheduler was down): ${(error as Error).message}`);
		}
	}

	/**
	 * Reads the lives before and writes this one's; the one before when it ended without a clean stop,
	 * with the crash loop's count and whether this start alerts (those it tells marked told in the same step).
	 */
	private record(): Death | undefined {
		// The scheduler's own start, as `status` tells it: the alert's "started again" is the same instant.
		const me = {pid: process.pid, startedAt: this.parts.scheduler.startedAt};
		try {
			return patiently(this.parts.database.db, () => {
				// Immediate: the write lock taken (waited for) before the read, so the read stays true.
				const death = this.parts.database.db.transaction((): Death | undefined => {
					const last = this.store.last();
					let found: Death | undefined;
					if (last && last.stoppedAt === undefined) {
						const loop = crashLoopAlert(this.store.deaths(me.startedAt - crashWindowMs, me), last.aliveAt, me.startedAt);
						// Told already by the console that gave up starting it again: nothing to send, nothing to hold.
						// Marked told once a channel took the alert (tellAndMark): one that never got through is told by the next.
						found = {previous: last, loop: last.toldAt === undefined ? loop : {...loop, send: false, heldUntil: undefined}};
					}

					this.store.begin({...me, host: hostname()}, me.startedAt - keepLivesMs);
					return found;
				}).immediate();
				this.me = me;
				return death;
			});
		} catch (error) {
			this.parts.logger.error({err: error}, `could not record this scheduler's start (a scheduler before it that died is not told): ${(error as Error).message}`);
			return undefined;
		}
	}

	private tell({previous, loop}: Death, me: SchedulerIdentity, interrupted: InterruptedAtStart): void {
		const {scheduler, logger, root} = this.parts;
		const zone = scheduler.currentConfig.timezone;
		const at = (ms: number) => `${zonedDate(ms, zone)} ${zonedClock(ms, zone)}`;
		const inLoop = loop.deaths > 1 ? `; down ${loop.deaths} times in ${crashWindowMinutes} min` : '';
		const held = loop.heldUntil === undefined ? '' : `; alert held back (a crash loop: at most one per ${crashWindowMinutes} min, the last ${at(loop.lastToldAt!)}), sent at ${at(loop.heldUntil)} by this scheduler if still up, else by the next start`;
		const text = `sage-console was down: the scheduler before (pid ${previous.pid}, started ${at(previous.startedAt)}, last alive ${at(previous.aliveAt)}) is gone — ${howItEnded(previous, crashWindowMinutes)}; started again ${at(me.startedAt)}, ${interruptedRuns(interrupted)} closed interrupted${inLoop}${held}`;
		logger.warn({previous, interrupted: interrupted.jobs, servicesInterrupted: interrupted.services, alreadyTold: previous.toldAt !== undefined, deaths: loop.deaths, held: !loop.send}, text);
		scheduler.setNotice(noticeKey, schedulerDownNotice(previous, me.startedAt, interrupted, zone, crashWindowMinutes, loop.deaths));
		this.noticeTimer = setTimeout(() => scheduler.setNotice(noticeKey, undefined), noticeForMs);
		this.noticeTimer.unref();
		const thisStart = {root, host: hostname(), pid: me.pid, startedAt: me.startedAt, interrupted: interrupted.jobs, servicesInterrupted: interrupted.services};
		if (loop.send) {
			void this.tellAndMark(schedulerDownMessage(previous, thisStart, crashWindowMinutes, loop, zone), me);
		} else if (loop.heldUntil !== undefined) {
			const held = {previous, thisStart, lastToldAt: loop.lastToldAt};
			this.held = held;
			this.heldTimer = setTimeout(() => {
				this.held = undefined;
				this.sendHeld(held);
			}, Math.max(0, loop.heldUntil - Date.now()));
			this.heldTimer.unref();
		}
	}

	/**
	 * Sends a `was down` alert; the deaths it tells are marked told once a channel took it (or when no
	 * channel is configured), as the console's own alert is (thread-crash-alert.ts). An alert queued by
	 * a start killed before it got through, or refused by every channel, leaves them untold: the next
	 * alert tells them, and a crash loop's spacing counts only alerts that reached the phone.
	 */
	private async tellAndMark(message: Message, me: SchedulerIdentity): Promise<void> {
		const {database, notifier, logger} = this.parts;
		const results = await notifier.send(message, {}, 'notify_job_failures');
		if (results.length > 0 && !results.some(result => result.status === 'sent')) {
			logger.error({results: results.map(({channel, recipient, status}) => ({channel, recipient, status}))}, 'the \'was down\' alert reached no channel: the next alert tells these deaths again');
			return;
		}

		try {
			patiently(database.db, () => this.store.toldAll(me, Date.now()));
		} catch (error) {
			logger.error({err: error}, `could not record that the 'was down' alert was sent (the next start may send it again): ${(error as Error).message}`);
		}
	}

	/**
	 * A clean stop before a held alert's turn sends it now, while the notifier still delivers: the next
	 * start finds this clean stop, not a death, and would tell no one of the deaths held back.
	 */
	sendHeldAtStop(): void {
		const {held} = this;
		if (held) {
			this.held = undefined;
			clearTimeout(this.heldTimer);
			this.sendHeld(held, true);
		}
	}

	/**
	 * This scheduler stayed up until a held alert's turn (or stops before it: `atStop`): it sends it,
	 * counting the deaths not told yet. Not when an alert went out after the one it was held after (this
	 * console's own thread crash alert): asked by the wall clock whether the last alert was within the
	 * window, a turn that came on the timer's (monotonic) clock a moment before the wall clock's (Node
	 * fires timers up to 1 ms early against Date.now; an NTP step back, by its size) dropped it for good.
	 */
	private sendHeld({previous, thisStart, lastToldAt}: HeldAlert, atStop = false): void {
		const {database, logger, scheduler} = this.parts;
		const me = this.me!;
		const now = Date.now();
		try {
			const deaths = patiently(database.db, () => database.db.transaction(() => {
				const found = this.store.deaths(me.startedAt - crashWindowMs, me);
				const toldSince = found.lastToldAt !== undefined && (lastToldAt === undefined || found.lastToldAt > lastToldAt);
				if (found.untold === 0 || (!atStop && toldSince)) {
					// Told meanwhile (this console's own thread crash alert).
					return undefined;
				}

				return found;
			}).immediate());
			if (deaths) {
				const loop = {deaths: Math.max(1, deaths.inWindow), told: deaths.untold, lastToldAt: deaths.lastToldAt, upAt: now};
				void this.tellAndMark(schedulerDownMessage(previous, thisStart, crashWindowMinutes, loop, scheduler.currentConfig.timezone), me);
			}
		} catch (error) {
			logger.error({err: error}, `could not send the held-back 'was down' alert of a crash loop: ${(error as Error).message}`);
		}
	}
}
