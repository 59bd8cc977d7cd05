/** What the job watches (deadlines, max_duration, heartbeats) are given by the scheduler. */
import type {JobDefinition} from '../core/job-definition.js';
import type {RunRecord} from '../core/run-record.js';
import type {Schedule} from '../core/triggers/schedule.js';
import type {Clock} from './clock.js';
import type {JobAlert} from './job-alert.js';

export type WatchedJob = {job: JobDefinition; paused: boolean; schedule: Schedule};

export type WatchDeps = {
	clock: Clock;
	/** The jobs as the scheduler holds them now. */
	jobs(): Iterable<WatchedJob>;
	job(jobId: string): WatchedJob | undefined;
	schedulerPaused(): boolean;
	/** The job has a run queued or running. */
	isLive(jobId: string): boolean;
	alert(alert: JobAlert): void;
	/** Something shown in the snapshot's job rows changed. */
	changed(): void;
	/** The run went on past its job's `max_duration` (since `at`): its record, and so its history row, keeps it. */
	overMaxDuration(run: RunRecord, mark: {at: number; maxDurationMs: number}): void;
};

/**
 * A heartbeat job's pings and told state, kept across restarts. `watchedFrom`: when it was last resumed (the job or the whole scheduler, or enabled again by a reload):
 * pings are expected on its schedule from then, not from a last ping before the pause.
 */
export type HeartbeatRecord = {lastPingAt?: number; lastOutcome?: 'success' | 'fail'; lastStartAt?: number; alerted?: 'late' | 'down'; watchedFrom?: number};

export type HeartbeatStorePort = {
	heartbeats(): Map<string, HeartbeatRecord>;
	setHeartbeat(jobId: string, record: HeartbeatRecord): void;
};

/** A deadline missed and told (`deadline-missed`): its day and instant, kept until the job makes it up. */
export type ToldDeadline = {day: string; at: number};

export type DeadlineStorePort = {
	/** Each job's deadline told and not made up yet. */
	toldDeadlines(): Map<string, ToldDeadline>;
	/** `told` undefined: made up (or long past), forgotten. */
	setToldDeadline(jobId: string, told: ToldDeadline | undefined): void;
	/** Up to when a scheduler last looked at the deadlines; none before the first. */
	deadlinesWatchedUpTo(): number | undefined;
	setDeadlinesWatchedUpTo(at: number): void;
};

/** What the watches keep across restarts; implemented over SQLite in src/store. */
export type WatchStorePort = HeartbeatStorePort & DeadlineStorePort;
