import {Box} from 'ink';
import type {JobView, LiveRunView} from '../protocol/snapshot.js';
import type {LogBuffer, NumberedLine} from './log-buffer.js';
import type {ConsoleLayout} from './layout.js';
import {detailLines, type ViewLine} from './overlays/detail-lines.js';
import {helpContent, HelpOverlay, wideHelp} from './overlays/help-overlay.js';
import {JobView as JobScreen} from './overlays/job-view.js';
import {RunDetail} from './overlays/run-detail.js';
import {RunsList} from './overlays/runs-list.js';
import {FailuresPanel, type FailureRow} from './panels/failures-panel.js';
import {JobsPanel} from './panels/jobs-panel.js';
import {LogPanel} from './panels/log-panel.js';
import {RunningPanel} from './panels/running-panel.js';
import type {ConsoleState, Overlay} from './state/console-state.js';

/** The lines of the open view, as drawn at `width`: what ↑↓ scroll through and / searches. */
export function viewLinesOf(overlay: Overlay, tail: LogBuffer, width: number, height: number): ViewLine[] {
	switch (overlay.kind) {
		case 'detail': {
			const runLog = tail.window(200, undefined, line => line.runId === overlay.run.id).map(({line}) => line);
			return detailLines(overlay.run, overlay.notifications, runLog, width);
		}

		case 'job': {
			// The view scrolls its table of runs under the facts; padded so the last run can reach the top.
			const runs = (overlay.detail?.recentRuns ?? []).map(run => ({text: `${run.id} ${run.status} ${run.error?.message ?? ''}`}));
			return [...runs, ...Array.from({length: runs.length > 0 ? height : 0}, () => ({text: ''}))].slice(0, runs.length + height - 1);
		}

		case 'help': {
			return wideHelp(width, height) ? [] : helpContent(width).map(text => ({text}));
		}

		default: {
			return [];
		}
	}
}

export type ScreenBodyProps = {
	state: ConsoleState;
	layout: ConsoleLayout;
	jobs: readonly JobView[];
	allJobs: readonly JobView[];
	live: readonly LiveRunView[];
	failures: readonly FailureRow[];
	log: {lines: NumberedLine[]; behind: number};
	/** The job the log is limited to, if any. */
	logScope: string | undefined;
	viewLines: readonly ViewLine[];
	now: number;
};

/** Between the header and the status line: the open view, or the four panels. */
export function ScreenBody({state, layout, jobs, allJobs, live, failures, log, logScope, viewLines, now}: ScreenBodyProps) {
	const {width, main} = layout;
	const {overlay} = state;
	switch (overlay.kind) {
		case 'help': {
			return <HelpOverlay width={width} height={main} scroll={state.detailScroll}/>;
		}

		case 'detail': {
			return <RunDetail title={`Run ${overlay.run.id} · ${overlay.run.jobId}`} lines={viewLines} scroll={state.detailScroll} search={state.search} width={width} height={main}/>;
		}

		case 'job': {
			return <JobScreen job={allJobs.find(job => job.id === overlay.jobId)} jobId={overlay.jobId} detail={overlay.detail} scroll={state.detailScroll} now={now} width={width} height={main}/>;
		}

		case 'runs': {
			return <RunsList title={overlay.title} runs={overlay.runs} cursor={state.cursor.runs} width={width} height={main}/>;
		}

		default: {
			const scope = logScope ? `${logScope} (a: all jobs)` : 'all jobs (a: the selected job)';
			return (
				<Box flexDirection="column" height={main}>
					<JobsPanel jobs={jobs} cursor={state.cursor.jobs} focused={state.focus === 'jobs'} width={width} height={layout.jobs} now={now} filter={state.filter}/>
					<RunningPanel runs={live} cursor={state.cursor.running} focused={state.focus === 'running'} width={width} height={layout.running} now={now}/>
					<LogPanel lines={log.lines} behind={log.behind} scope={scope} focused={state.focus === 'log'} selected={state.log.selected ?? log.lines.at(-1)?.seq} search={state.search} width={width} height={layout.log}/>
					<FailuresPanel failures={failures} cursor={state.cursor.failures} focused={state.focus === 'failures'} width={width} height={layout.failures}/>
				</Box>
			);
		}
	}
}
