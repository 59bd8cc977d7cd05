/**
 * Heartbeat jobs: outside processes (a Python script under system cron, another box) that ping in on
 * their schedule. States as Healthchecks.io defines them: `new` (never pinged), `up`, `late` (the next
 * expected ping — the schedule's next fire after the last ping — has passed, within `grace`), `down`
 * (grace passed too, or the last ping reported a failure), `paused`. The schedule carries the calendar,
 * so a holiday expects no ping. Late, down and back-up are told once per change, remembered across
 * restarts so a restart does not repeat an alert.
 */
import type {HeartbeatView} from '../protocol/snapshot.js';
import {formatZonedIso} from '../time/zoned-time.js';
import type {HeartbeatRecord, HeartbeatStorePort, WatchDeps, WatchedJob} from './watch-ports.js';

export type HeartbeatState = 'new' | 'up' | 'late' | 'down' | 'paused';
export type PingOutcome = 'success' | 'fail' | 'start';

export type {HeartbeatView} from '../protocol/snapshot.js';

/**
 * Looks again at least this often, so a wall clock stepped forward past a ping's grace (an NTP step, a
 * VM or laptop resumed: timers run on the monotonic clock, which stands still while the machine sleeps)
 * is told within a minute, not when the wait set before the step runs out (up to an hour).
 */
const maxSleepMs = 60_000;

/** Where a heartbeat job stands at `now`, and when that changes next without a ping. */
export function heartbeatState(watched: WatchedJob, record: HeartbeatRecord | undefined, now: number, schedulerPaused: boolean): {state: HeartbeatState; nextExpectedAt?: number; changesAt?: number} {
	const graceMs = watched.job.heartbeat?.graceMs ?? 0;
	if (watched.paused || schedulerPaused || !watched.job.enabled) {
		return {state: 'paused'};
	}

	if (record?.lastPingAt === undefined) {
		return {state: 'new'};
	}

	const expected = watched.schedule.next(new Date(Math.max(record.lastPingAt, record.watchedFrom ?? 0)))?.getTime();
	if (record.lastOutcome === 'fail') {
		return {state: 'down', nextExpectedAt: expected};
	}

	if (expected === undefined || now < expected) {
		return {state: 'up', nextExpectedAt: expected, changesAt: expected};
	}

	return now < expected + graceMs ? {state: 'late', nextExpectedAt: expected, changesAt: expected + graceMs} : {state: 'down', nextExpectedAt: expected};
}

export class HeartbeatMonitor {
	private timer: unknown;
	/** Between start() and stop(): a ping or a reload while the scheduler stops sets no timer that would keep its process alive. */
	private watching = false;
	private records = new Map<string, HeartbeatRecord>();
	private views = new Map<string, HeartbeatView>();

	constructor(private readonly deps: WatchDeps, private readonly store: HeartbeatStorePort | undefined, private readonly write: (what: string, work: () => void) => void) {}

	start(): void {
		try {
			this.records = this.store?.heartbeats() ?? new Map();
		} catch {
			// History unreadable (its notice says why): pings count from now.
		}

		this.watching = true;
		this.evaluate();
	}

	stop(): void {
		this.watching = false;
		this.deps.clock.clearTimeout(this.timer);
		this.timer = undefined;
	}

	view(jobId: string): HeartbeatView | undefined {
		return this.views.get(jobId);
	}

	/** A ping from the outside process; its new state. */
	ping(jobId: string, outcome: PingOutcome): HeartbeatView {
		const now = this.deps.clock.now();
		const previous = this.records.get(jobId) ?? {};
		const record: HeartbeatRecord = outcome === 'start' ? {...previous, lastStartAt: now} : {...previous, lastPingAt: now, lastOutcome: outcome};
		this.save(jobId, record);
		this.evaluate();
		return this.views.get(jobId)!;
	}

	/** Works out every heartbeat job's state, tells changes, and sleeps until the next one. */
	evaluate(): void {
		this.deps.clock.clearTimeout(this.timer);
		const now = this.deps.clock.now();
		let wake = now + maxSleepMs;
		let changed = false;
		const views = new Map<string, HeartbeatView>();
		for (const watched of this.deps.jobs()) {
			const {job} = watched;
			if (!job.heartbeat) {
				continue;
			}

			const record = this.resumedNow(watched, now) ?? this.records.get(job.id);
			const {state, nextExpectedAt, changesAt} = heartbeatState(watched, record, now, this.deps.schedulerPaused());
			if (changesAt !== undefined && changesAt < wake) {
				wake = changesAt;
			}

			const view: HeartbeatView = {state, graceMs: job.heartbeat.graceMs, lastPingAt: record?.lastPingAt, lastOutcome: record?.lastOutcome, lastStartAt: record?.lastStartAt, nextExpectedAt};
			const before = this.views.get(job.id);
			changed ||= before === undefined || JSON.stringify(before) !== JSON.stringify(view);
			views.set(job.id, before && JSON.stringify(before) === JSON.stringify(view) ? before : view);
			this.tell(job.id, state, record ?? {}, now, nextExpectedAt, job.timezone);
		}

		changed ||= views.size !== this.views.size;
		this.views = views;
		if (changed) {
			this.deps.changed();
		}

		this.timer = this.watching ? this.deps.clock.setTimeout(() => this.evaluate(), Math.max(wake - now, 0)) : undefined;
	}

	/**
	 * A job seen paused that is active now (resumed, the scheduler resumed, enabled again): its pings are
	 * expected from now, so the outside process paused with it is not down at once for the pings it was
	 * not asked for, and what was told before the pause is over (no "up again" for a ping from before it).
	 * @returns its record from now, or undefined when it was not so resumed
	 */
	private resumedNow(watched: WatchedJob, now: number): HeartbeatRecord | undefined {
		const record = this.records.get(watched.job.id);
		const active = !watched.paused && !this.deps.schedulerPaused() && watched.job.enabled;
		if (!active || record?.lastPingAt === undefined || this.views.get(watched.job.id)?.state !== 'paused') {
			return undefined;
		}

		const resumed = {...record, watchedFrom: now, alerted: undefined};
		this.save(watched.job.id, resumed);
		return resumed;
	}

	/** Times in the job's zone, to the second, as the other alerts give them (UTC ISO read as the wrong day on a Shanghai phone). */
	private tell(jobId: string, state: HeartbeatState, record: HeartbeatRecord, now: number, expected: number | undefined, zone: string): void {
		const time = (at: number) => formatZonedIso(Math.floor(at / 1000) * 1000, zone);
		const since = expected === undefined ? '' : ` (expected ${time(expected)})`;
		if ((state === 'late' || state === 'down') && record.alerted !== state && !(state === 'late' && record.alerted === 'down')) {
			this.save(jobId, {...record, alerted: state});
			const why = record.lastOutcome === 'fail' ? 'its last ping reported a failure' : `no ping since ${time(record.lastPingAt!)}${since}`;
			this.deps.alert({jobId, kind: state === 'late' ? 'heartbeat-late' : 'heartbeat-down', at: now, message: `${jobId} is ${state}: ${why}`});
		} else if (state === 'up' && record.alerted !== undefined) {
			this.save(jobId, {...record, alerted: undefined});
			this.deps.alert({jobId, kind: 'heartbeat-up', at: now, message: `${jobId} is up again: pinged ${time(record.lastPingAt!)}`});
		}
	}

	private save(jobId: string, record: HeartbeatRecord): void {
		this.records.set(jobId, record);
		if (this.store) {
			const store = this.store;
			this.write(`keep the heartbeat of ${jobId}`, () => store.setHeartbeat(jobId, record));
		}
	}
}
