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
};

/** The lines of the open view, as drawn at `width`: what ↑↓ scroll through and / searches. */
export function viewLinesOf(overlay: Overlay, sources: ViewSources, width: number, height: number): ViewLine[] {
	switch (overlay.kind) {
		case 'detail': {
			const runLog = sources.tail.window(200, undefined, line => line.runId === overlay.run.id).map(({line}) => line);
			const worker = overlay.run.worker ?? sources.live.find(run => run.runId === overlay.run.id)?.worker;
			return detailLines(worker ? {...overlay.run, worker} : overlay.run, overlay.notifications, runLog, width);
		}

		case 'job': {
			// The view scrolls its table of runs under the facts; padded so the last run can reach the top.
			const runs = (overlay.detail?.recentRuns ?? []).map(run => ({text: `${run.id} ${run.status} ${run.error?.message ?? ''}`}));
			return [...runs, ...Array.from({length: runs.length > 0 ? height : 0}, () => ({text: ''}))].slice(0, runs.length + height - 1);
		}

		case 'service': {
			return serviceViewLines(sources.services.find(service => service.id === overlay.serviceId), overlay.detail, overlay.error, sources.now, width);
		}

		case 'help': {
			return wideHelp(width, height) ? [] : helpContent(width).map(text => ({text}));
		}

		default: {
			return [];
		}
	}
}
