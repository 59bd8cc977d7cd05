import {Box} from 'ink';
import {useMemo} from 'react';
import type {JobView, LiveRunView, RemoteView, ServiceView} from '../protocol/snapshot.js';
import {stateText} from '../supervisor/service-states.js';
import type {NumberedLine} from './log-buffer.js';
import {dayNumberOf} from './log-days.js';
import type {ConsoleLayout} from './layout.js';
import type {ViewLine} from './overlays/detail-lines.js';
import {HelpOverlay} from './overlays/help-overlay.js';
import {JobView as JobScreen} from './overlays/job-view.js';
import {RunDetail} from './overlays/run-detail.js';
import {RunsList} from './overlays/runs-list.js';
import {FailuresPanel, type FailureRow} from './panels/failures-panel.js';
import {JobsPanel} from './panels/jobs-panel.js';
import {LogPanel} from './panels/log-panel.js';
import {RunningPanel} from './panels/running-panel.js';
import {ServicesPanel} from './panels/services-panel.js';
import {WorkersPanel} from './panels/workers-panel.js';
import type {ConsoleState} from './state/console-state.js';
import {cursorAt} from './state/list-cursor.js';
import {displayWidth} from './text-fit.js';
import type {MainListKeys} from './keys/key-context.js';

export {viewLinesOf} from './overlays/view-lines.js';

export type ScreenBodyProps = {
	state: ConsoleState;
	/** The main panels' rows' keys, which their cursors hold on to. */
	rowKeys: MainListKeys;
	layout: ConsoleLayout;
	jobs: readonly JobView[];
	allJobs: readonly JobView[];
	live: readonly LiveRunView[];
	failures: readonly FailureRow[];
	/** Today's failed job runs, all of them: `failures` holds the newest 100 only. */
	jobRunsFailed: number;
	/** Supervised services; the panel is shown only when there are some. */
	services: readonly ServiceView[];
	/** Runs on workers; the workers section is shown only when it is set. */
	remote: RemoteView | undefined;
	log: {lines: NumberedLine[]; behind: number};
	/** The job the log is limited to, if any. */
	logScope: string | undefined;
	viewLines: readonly ViewLine[];
	now: number;
	/** The whole scheduler is paused (`pause --all`). */
	schedulerPaused?: boolean;
	/** The scheduler is stopping: NEXT says nothing fires. */
	schedulerStopping?: boolean;
	/** The console's zone: the scheduler's (its snapshot's, jobs.yaml's `timezone`), the day "today" counts in. @default 'Asia/Shanghai' */
	zone?: string;
};

/**
 * Between the header and the status line: the open view, or the panels. The panels and the help stay
 * mounted and are only hidden (`display: none`) while something else shows: `?` and Esc then flip a
 * style instead of building (and laying out) the help's tables or every panel again, so they draw
 * within a frame; the other views are built when opened.
 */
export function ScreenBody(props: ScreenBodyProps) {
	const {state, layout} = props;
	const {width, main} = layout;
	const {overlay} = state;
	const view = openView(props);
	const helpOpen = overlay.kind === 'help';
	return (
		<>
			<Box display={helpOpen ? 'flex' : 'none'} height={main}>
				<HelpOverlay width={width} height={main} scroll={helpOpen ? state.detailScroll : 0}/>
			</Box>
			{view}
			<Panels {...props} hidden={helpOpen || view !== undefined}/>
		</>
	);
}

/** The view open over the panels, other than the help; undefined when none is. */
function openView({state, layout, allJobs, services, viewLines, now, zone}: ScreenBodyProps) {
	const {width, main} = layout;
	const {overlay} = state;
	switch (overlay.kind) {
		case 'detail': {
			return <RunDetail title={`Run ${overlay.run.id} · ${overlay.run.jobId}`} lines={viewLines} scroll={state.detailScroll} search={state.search} width={width} height={main}/>;
		}

		case 'service': {
			const service = services.find(candidate => candidate.id === overlay.serviceId);
			const title = `Service ${overlay.serviceId}${service ? ` · ${service.enabled ? stateText(service.state) : 'disabled'}` : ''}`;
			return <RunDetail title={title} lines={viewLines} scroll={state.detailScroll} search={state.search} width={width} height={main}/>;
		}

		case 'job': {
			return <JobScreen job={allJobs.find(job => job.id === overlay.jobId)} jobId={overlay.jobId} detail={overlay.detail} target={overlay.target} scroll={state.detailScroll} now={now} width={width} height={main} zone={zone}/>;
		}

		case 'runs': {
			return <RunsList title={overlay.title} runs={overlay.runs} cursor={cursorAt(state, 'runs', overlay.runs.map(run => run.id))} width={width} height={main} zone={zone}/>;
		}

		default: {
			return undefined;
		}
	}
}

function Panels({state, rowKeys, layout, jobs, allJobs, live, failures, jobRunsFailed, services, remote, log, logScope, now, schedulerPaused, schedulerStopping, zone, hidden}: ScreenBodyProps & {hidden: boolean}) {
	const {width, main} = layout;
	const scope = logScope ?? 'all jobs';
	// The log of all jobs sets its job column by every job's id, not the lines it shows: one long id
	// scrolling in and out moved every message sideways a few times a minute.
	const widestJobId = useMemo(() => Math.max(0, ...allJobs.map(job => displayWidth(job.id))), [allJobs]);
	const scopeKey = logScope ? 'a: all jobs' : 'a: the selected job';
	return (
		<Box display={hidden ? 'none' : 'flex'} flexDirection="column" height={main}>
			<JobsPanel jobs={jobs} cursor={cursorAt(state, 'jobs', rowKeys.jobs)} focused={state.focus === 'jobs'} width={width} height={layout.jobs} now={now} filter={state.filter} schedulerPaused={schedulerPaused} schedulerStopping={schedulerStopping} live={live} zone={zone}/>
			<RunningPanel runs={live} cursor={cursorAt(state, 'running', rowKeys.running)} focused={state.focus === 'running'} width={width} height={layout.running} now={now}/>
			{remote && layout.workers > 0 ? <WorkersPanel remote={remote} width={width} height={layout.workers} today={dayNumberOf(now, zone)} zone={zone}/> : null}
			{services.length > 0 && layout.services > 0 ? <ServicesPanel services={services} cursor={cursorAt(state, 'services', rowKeys.services)} focused={state.focus === 'services'} width={width} height={layout.services} now={now} zone={zone}/> : null}
			<LogPanel lines={log.lines} behind={log.behind} jobWidthAtLeast={logScope ? 0 : widestJobId} scope={scope} scopeKey={scopeKey} focused={state.focus === 'log'} selected={state.log.selected ?? log.lines.at(-1)?.seq} search={state.search} width={width} height={layout.log} zone={zone}/>
			<FailuresPanel failures={failures} jobRunsFailed={jobRunsFailed} cursor={cursorAt(state, 'failures', rowKeys.failures)} focused={state.focus === 'failures'} width={width} height={layout.failures} zone={zone}/>
		</Box>
	);
}
