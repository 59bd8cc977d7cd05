/**
 * A scheduler's stop: nothing fires, is watched, retried or started any more; the live runs wound down
 * (wind-down.ts), and the history writes drained. Clients hear that it is stopping, and that it stopped.
 */
import type {RunRecord} from '../core/run-record.js';
import type {DayRollover} from './day-rollover.js';
import type {FireTimer} from './fire-timer.js';
import type {HistoryWrites} from './history-writes.js';
import type {JobWatch} from './job-watch.js';
import type {LiveRuns} from './live-runs.js';
import type {LoopDelayMonitor} from './loop-delay.js';
import type {RunDispatch} from './run-dispatch.js';
import type {RunSequels} from './run-sequels.js';
import type {SchedulerDeps} from './scheduler-deps.js';
import type {SchedulerEvents} from './scheduler-events.js';
import type {SchedulerState} from './scheduler-state.js';
import type {SnapshotPart} from './snapshot-builder.js';
import type {TypedEmitter} from './typed-emitter.js';
import {windDownRuns} from './wind-down.js';

export type StopParts = {
	readonly deps: Pick<SchedulerDeps, 'clock' | 'logger'>;
	readonly state: Pick<SchedulerState, 'phase'>;
	readonly events: TypedEmitter<SchedulerEvents>;
	readonly timer: FireTimer;
	readonly dayRollover: DayRollover;
	readonly watch: JobWatch;
	readonly sequels: RunSequels;
	readonly dispatch: RunDispatch;
	readonly live: LiveRuns;
	readonly loopDelay: LoopDelayMonitor;
	readonly writes: HistoryWrites;
	say(level: 'info', msg: string, fields?: {jobId?: string; runId?: number}): void;
	changed(...parts: SnapshotPart[]): void;
	whenFinished(runId: number): Promise<RunRecord | undefined>;
};

/** Live runs are waited for (`wait`, up to `graceMs`, then cancelled) or cancelled at once, and recorded truthfully. */
export async function stopScheduler(parts: StopParts, mode: 'wait' | 'cancel', graceMs: number): Promise<void> {
	parts.state.phase = 'stopping';
	parts.events.emit('scheduler-state', {paused: parts.timer.paused, stopping: true});
	parts.changed('scheduler');
	parts.timer.stop();
	parts.dayRollover.stop();
	parts.watch.stop();
	parts.sequels.stop();
	parts.dispatch.stop();
	await windDownRuns({
		live: parts.live,
		clock: parts.deps.clock,
		whenFinished: async runId => parts.whenFinished(runId),
		say: (msg, fields) => parts.say('info', msg, fields),
	}, mode, graceMs);
	parts.loopDelay.stop();
	parts.say('info', 'scheduler stopped');
	if (!await parts.writes.drain(5000)) {
		const pending = parts.writes.pending;
		parts.deps.logger.error({pending}, `history writes still failing at exit: ${pending} not written (a run whose start was written shows as interrupted at the next start; one whose start was not is missing from history)`);
		// Retrying on would hold the process past its exit, against a database about to be closed.
		parts.writes.abandon();
	}

	parts.state.phase = 'stopped';
	parts.events.emit('stopped', undefined);
}
