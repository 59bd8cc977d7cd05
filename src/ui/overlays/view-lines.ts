import type {RunRecord} from '../../core/run-record.js';
import type {LiveRunView, ServiceView} from '../../protocol/snapshot.js';
import type {LogBuffer} from '../log-buffer.js';
import type {Overlay} from '../state/console-state.js';
import {detailLines, type ViewLine} from './detail-lines.js';
import {helpContent, wideHelp} from './help-overlay.js';
import {serviceViewLines} from './service-view-lines.js';

/** What the open view is drawn from besides the overlay itself. */
export type ViewSources = {
	tail: LogBuffer;
	/** Live runs: a run's worker may be known here before its record says it. */
	live: readonly LiveRunView[];
	services: readonly ServiceView[];
	now: number;
	/** The console's day (a day number, log-days.ts): a run's log lines of another year have it on their day rows. */
	today: number;
	/** The console's zone, the scheduler's (jobs.yaml's `timezone`): the views' times and days. @default 'Asia/Shanghai' */
	zone?: string;
};

/**
 * A run's record as of now: while it is live, its status, start, progress and worker come from the
 * live runs, and while it is queued why it waits (the record was read when the detail opened);
 * useRunDetail reads it again once it ends.
 * A record read after its end is newer than a live entry the console has not yet seen go (a busy box's
 * next snapshot still on its way): it keeps its own status, not `running` beside its finish time.
 */
function withLiveState(run: RunRecord, live: readonly LiveRunView[]): RunRecord & Pick<LiveRunView, 'waitingFor'> {
	const now = run.finishedAt === undefined ? live.find(candidate => candidate.runId === run.id) : undefined;
	if (!now) {
		return run;
	}

	return {
		...run,
		status: now.status,
		startedAt: now.startedAt ?? run.startedAt,
		progress: now.progress ?? run.progress,
		message: now.message ?? run.message,
		worker: run.worker ?? now.worker,
		waitingFor: now.status === 'queued' ? now.waitingFor : undefined,
	};
}

/** The lines of the open view, as drawn at `width`: what ↑↓ scroll through and / searches. */
export function viewLinesOf(overlay: Overlay, sources: ViewSources, width: number, height: number): ViewLine[] {
	switch (overlay.kind) {
		case 'detail': {
			const runLog = sources.tail.window(200, undefined, line => line.runId === overlay.run.id).map(({line}) => line);
			return detailLines(withLiveState(overlay.run, sources.live), overlay.notifications, runLog, width, sources.today, sources.zone, sources.now);
		}

		case 'job': {
			// The view scrolls its table of runs under the facts; padded so the last run can reach the top.
			const runs = (overlay.detail?.recentRuns ?? []).map(run => ({text: `${run.id} ${run.status} ${run.error?.message ?? ''}`}));
			return [...runs, ...Array.from({length: runs.length > 0 ? height : 0}, () => ({text: ''}))].slice(0, runs.length + height - 1);
		}

		case 'service': {
			return serviceViewLines(sources.services.find(service => service.id === overlay.serviceId), overlay.detail, overlay.error, sources.now, width, sources.zone);
		}

		case 'help': {
			return wideHelp(width, height) ? [] : helpContent(width).map(text => ({text}));
		}

		default: {
			return [];
		}
	}
}
