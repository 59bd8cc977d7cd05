/**
 * Pausing and resuming a job, or the whole scheduler: kept in the store across restarts, and a resumed
 * schedule goes on from now (the fires it passed while paused are not owed).
 */
import type {Clock} from './clock.js';
import type {FireTimer} from './fire-timer.js';
import type {HistoryWrites} from './history-writes.js';
import type {JobWatch} from './job-watch.js';
import type {HistoryPort} from './ports.js';
import type {SchedulerEvents} from './scheduler-events.js';
import type {SnapshotPart} from './snapshot-builder.js';
import type {PauseStops} from './pause-stops.js';
import type {TypedEmitter} from './typed-emitter.js';

/** A pause or resume: whether it changed anything, and what the pause stopped (empty for a resume). */
export type PauseOutcome = {changed: boolean; stopped: Promise<PauseStops>};

const nothingStopped = async (): Promise<PauseStops> => ({runs: [], attempts: []});

export type PauseDeps = {
	timer: FireTimer;
	clock: Clock;
	writes: HistoryWrites;
	history: Pick<HistoryPort, 'setPaused' | 'setSchedulerPaused'>;
	watch: JobWatch;
	events: TypedEmitter<SchedulerEvents>;
	say(msg: string, jobId?: string): void;
	/** The job was paused: its runs not begun and its next attempts waiting for their backoff do not run. */
	paused?(jobId: string): Promise<PauseStops>;
	/** The whole scheduler was paused: every run not begun and next attempt waiting for its backoff does not run. */
	schedulerPaused?(): Promise<PauseStops>;
	changed(...parts: SnapshotPart[]): void;
	stopping(): boolean;
};

/** `changed` is false when there is no such job or it already is so. */
export function pauseJob(deps: PauseDeps, jobId: string, paused: boolean): PauseOutcome {
	const slot = deps.timer.get(jobId);
	if (!slot || slot.paused === paused) {
		return {changed: false, stopped: nothingStopped()};
	}

	slot.paused = paused;
	slot.pausedByOperator = true;
	deps.writes.write(`keep ${jobId} ${paused ? 'paused' : 'resumed'}`, () => deps.history.setPaused(jobId, paused));
	if (!paused) {
		slot.advance(deps.clock.now());
	}

	deps.say(`${paused ? 'paused' : 'resumed'} ${jobId}`, jobId);
	const stopped = (paused ? deps.paused?.(jobId) : undefined) ?? nothingStopped();
	deps.events.emit('job-changed', {jobId, paused});
	rearm(deps, 'jobs');
	return {changed: true, stopped};
}

/** Nothing fires on schedule while the scheduler is paused. `changed` is false when it already is so. */
export function pauseScheduler(deps: PauseDeps, paused: boolean): PauseOutcome {
	if (deps.timer.paused === paused) {
		return {changed: false, stopped: nothingStopped()};
	}

	deps.timer.paused = paused;
	deps.writes.write(`keep the scheduler ${paused ? 'paused' : 'resumed'}`, () => deps.history.setSchedulerPaused(paused));
	if (!paused) {
		const now = deps.clock.now();
		for (const slot of deps.timer.all()) {
			slot.advance(now);
		}
	}

	deps.say(paused ? 'scheduler paused: nothing fires on schedule until resumed' : 'scheduler resumed');
	const stopped = (paused ? deps.schedulerPaused?.() : undefined) ?? nothingStopped();
	deps.events.emit('scheduler-state', {paused, stopping: deps.stopping()});
	rearm(deps, 'scheduler', 'jobs');
	return {changed: true, stopped};
}

function rearm(deps: PauseDeps, ...parts: SnapshotPart[]): void {
	deps.timer.arm();
	deps.watch.replan();
	deps.changed(...parts);
}

/** heldBecause's reason for a job no longer in the config: no `retry RUN` of its runs is taken then. */
export function removedFromConfig(jobId: string): string {
	return `${jobId} was removed from the config`;
}

/**
 * Why the job fires nothing now, worded as a dropped retry's reason (`sync was paused`), or undefined
 * while it is active: the job removed from the config by a reload (a run of it may still be going),
 * the scheduler paused, the job disabled (`enabled: false`) or paused.
 */
export function heldBecause(timer: Pick<FireTimer, 'paused' | 'get'>, jobId: string): string | undefined {
	const slot = timer.get(jobId);
	if (!slot) {
		return removedFromConfig(jobId);
	}

	if (timer.paused) {
		return 'the scheduler was paused';
	}

	if (!slot.job.enabled) {
		return `${jobId} was disabled (enabled: false)`;
	}

	return slot.paused ? `${jobId} was paused` : undefined;
}
