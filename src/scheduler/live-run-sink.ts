/**
 * The sink a live run's executor reports to: its start (the job's code began: the run's start, its
 * timeout armed if it waited for a worker, the worker it runs on), its progress, its lines, its
 * notifications and trouble writing its log. Each bit of news lets due fires go first.
 */
import type {ProcessIdentity, RunSink} from '../executors/executor.js';
import type {LiveRun, LiveRunsDeps} from './live-run.js';
import {noteProgress} from './live-run-progress.js';

export type LiveRunSinkDeps = Pick<LiveRunsDeps, 'firesFirst' | 'recorder' | 'clock' | 'progressed' | 'tail' | 'notify' | 'runLogsProblem' | 'logger'>;

/** What the sink asks of the live runs themselves. */
export type LiveRunWatch = {
	/** The run is still among the live runs (not ended, not let go). */
	isLive(live: LiveRun): boolean;
	/** Its time is up: cancel it with reason `timeout`. */
	timedOut(live: LiveRun): void;
};

function onStarted(live: LiveRun, at: number, process: ProcessIdentity | undefined, worker: string | undefined, deps: LiveRunSinkDeps, watch: LiveRunWatch): void {
	deps.firesFirst();
	// A worker took it: said once per worker (a run re-attached after a restart already named its worker).
	if (worker !== undefined && worker !== live.record.worker) {
		tellTaken(live, at, worker, deps);
	}

	// The job's code began now: that, not the hand-over, is the run's start (a run on workers was queued till then).
	if (live.record.status === 'queued') {
		deps.recorder.move(live.record, 'running', {startedAt: at});
	}

	deps.recorder.note(live.record, {startedAt: at, process, worker});
	const monotonic = deps.clock.monotonic?.();
	live.startedMono = monotonic === undefined ? undefined : monotonic - Math.max(0, deps.clock.now() - at);
	const wasWaiting = live.waiting === true;
	if (wasWaiting) {
		live.waiting = false;
		const {timeoutMs} = live.pending.job;
		if (timeoutMs !== undefined && watch.isLive(live)) {
			live.timeoutTimer = deps.clock.setTimeout(() => watch.timedOut(live), Math.max(0, timeoutMs - (deps.clock.now() - at)));
		}
	}

	const movedWorker = worker !== undefined && worker !== live.worker;
	if (movedWorker) {
		live.worker = worker;
	}

	if (wasWaiting || movedWorker) {
		deps.progressed(live); // Clients see it running, and where.
	}
}

function tellTaken(live: LiveRun, at: number, worker: string, deps: LiveRunSinkDeps): void {
	const {record} = live;
	deps.logger.info({jobId: record.jobId, runId: record.id, worker}, 'run taken by a worker');
	deps.tail([{time: at, level: 'info', msg: `▶ ${record.jobId} started on ${worker} (run ${record.id})`, jobId: record.jobId, runId: record.id}]);
}

export function liveRunSink(live: LiveRun, deps: LiveRunSinkDeps, watch: LiveRunWatch): RunSink {
	return {
		started: (at, process, worker) => onStarted(live, at, process, worker, deps, watch),
		progress: (fraction, message) => {
			deps.firesFirst();
			if (watch.isLive(live)) {
				noteProgress(live, fraction, message, deps);
			}
		},
		log: lines => {
			deps.firesFirst();
			deps.tail(lines);
		},
		notify: (title, body, users) => deps.notify(live, title, body, users),
		logTrouble: trouble => deps.runLogsProblem(trouble),
	};
}
