import {Box} from 'ink';
import {useMemo} from 'react';
import {formatProblem} from '../config/config-problem.js';
import {marketPhase} from '../market/market-session.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {SchedulerSnapshot} from '../protocol/snapshot.js';
import {createConsoleActions} from './console-actions.js';
import {useClock} from './hooks/use-clock.js';
import {useFeedFrame} from './hooks/use-feed-frame.js';
import {useLiveClock} from './hooks/use-live-clock.js';
import {useLogTail} from './hooks/use-log-tail.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {computeLayout} from './layout.js';
import {HelpOverlay} from './overlays/help-overlay.js';
import {QuitDialog} from './overlays/quit-dialog.js';
import {RunDetail} from './overlays/run-detail.js';
import {FailuresPanel} from './panels/failures-panel.js';
import {Header, headerClockColumn} from './panels/header.js';
import {JobsPanel} from './panels/jobs-panel.js';
import {LogPanel} from './panels/log-panel.js';
import {RunningPanel} from './panels/running-panel.js';
import {useConsoleState} from './state/console-state.js';
import {StatusLine} from './status-line.js';
import type {SchedulerFeed} from './scheduler-feed.js';
import {useConsoleKeys, type QuitMode} from './use-console-keys.js';

export type AppProps = {
	feed: SchedulerFeed;
	calendar: TradingCalendar;
	onQuit: (mode: QuitMode) => void;
	/** Attached to a scheduler in another process (its pid): quitting leaves it running. */
	attachedTo?: number;
	now?: () => number;
	/** Tick the header clock in place on a real terminal (not under ink-testing-library). */
	liveClock?: boolean;
};

/** The header's warning lines: config problems (the first three), history write trouble, notices, the calendar. */
function warningsOf(snapshot: SchedulerSnapshot, gone: string | undefined): string[] {
	return [
		...(gone ? [`${gone}: this console shows the last state it saw (q to leave)`] : []),
		...snapshot.configProblems.slice(0, 3).map(problem => `config not applied: ${formatProblem(problem)}`),
		...(snapshot.configProblems.length > 3 ? [`… and ${snapshot.configProblems.length - 3} more config problems (see logs/sage-console.log)`] : []),
		...snapshot.configWarnings.slice(0, 2).map(problem => `config: ${formatProblem(problem)}`),
		...snapshot.notices,
		...(snapshot.calendarWarning ? [snapshot.calendarWarning] : []),
	];
}

/** The console: header, jobs, running, log and failures, with overlays for detail, help and quit. */
export function App({feed, calendar, onQuit, attachedTo, now, liveClock = false}: AppProps) {
	const {snapshot, tailVersion, gone} = useFeedFrame(feed);
	const size = useTerminalSize();
	const clockNow = now ?? Date.now;
	const soon = clockNow() + 90_000;
	const countingSeconds = !liveClock || snapshot.live.length > 0 || snapshot.jobs.some(job => job.nextFireAt !== undefined && job.nextFireAt < soon);
	const time = useClock(now, countingSeconds);
	useLiveClock(liveClock, headerClockColumn(size.columns), now);
	const [state, dispatch, getState] = useConsoleState();
	const jobs = useMemo(() => {
		const filter = state.filter.toLowerCase();
		return filter ? snapshot.jobs.filter(job => `${job.id} ${job.name} ${job.schedule} ${job.queue}`.toLowerCase().includes(filter)) : snapshot.jobs;
	}, [snapshot.jobs, state.filter]);
	const warnings = useMemo(() => warningsOf(snapshot, gone), [snapshot, gone]);
	const actions = useMemo(() => createConsoleActions(feed.client, dispatch), [feed, dispatch]);
	const layout = computeLayout(size.columns, size.rows, 1 + warnings.length, {jobs: jobs.length, live: snapshot.live.length, failures: snapshot.failuresToday.length});
	const selectedJob = jobs[state.cursor.jobs];
	const logJob = state.logScope === 'selected' ? selectedJob?.id : undefined;
	const logRows = Math.max(1, layout.log - 1);
	const lines = useLogTail(feed.tail, tailVersion, logRows, state.logScroll, logJob);
	useConsoleKeys({
		actions, getState, dispatch, jobs, live: snapshot.live, failures: snapshot.failuresToday,
		// Attached, quitting only detaches: the runs go on in the scheduler.
		onQuit: attachedTo === undefined ? onQuit : () => onQuit('cancel'),
		liveRunning: () => (attachedTo === undefined ? feed.snapshot.live.filter(run => run.status === 'running').length : 0),
		logPage: logRows, logMax: Math.max(0, feed.tail.length - logRows), detailPage: Math.max(1, layout.main - 2),
	});
	const live = snapshot.live.filter(run => run.status === 'running').length;
	const mainWidth = size.columns;
	const overlay = state.overlay;
	const panels = {
		jobs: <JobsPanel jobs={jobs} cursor={state.cursor.jobs} focused={state.focus === 'jobs'} width={layout.leftWidth} height={layout.jobs} now={time} filter={state.filter}/>,
		running: <RunningPanel runs={snapshot.live} cursor={state.cursor.running} focused={state.focus === 'running'} width={layout.leftWidth} height={layout.running} now={time}/>,
		log: <LogPanel lines={lines} scope={logJob ? `${logJob} (a: all jobs)` : 'all jobs (a: selected job)'} scroll={state.logScroll} focused={state.focus === 'log'} width={layout.rightWidth} height={layout.log}/>,
		failures: <FailuresPanel failures={snapshot.failuresToday} cursor={state.cursor.failures} focused={state.focus === 'failures'} width={layout.rightWidth} height={layout.failures}/>,
	};
	let body;
	if (overlay.kind === 'help') {
		body = <HelpOverlay width={mainWidth} height={layout.main}/>;
	} else if (overlay.kind === 'detail') {
		body = <RunDetail run={overlay.run} notifications={overlay.notifications} scroll={state.detailScroll} width={mainWidth} height={layout.main}/>;
	} else if (layout.twoColumns) {
		body = (
			<Box>
				<Box flexDirection="column" width={layout.leftWidth} marginRight={1}>{panels.jobs}{panels.running}</Box>
				<Box flexDirection="column" width={layout.rightWidth}>{panels.log}{panels.failures}</Box>
			</Box>
		);
	} else {
		body = <Box flexDirection="column">{panels.jobs}{panels.running}{panels.log}{panels.failures}</Box>;
	}

	return (
		<Box flexDirection="column" width={size.columns} height={size.rows - 1}>
			<Header now={time} phase={marketPhase(time, calendar)} jobs={snapshot.jobs.length} running={live} today={snapshot.today} loopDelayMs={snapshot.loopDelayMs} attachedTo={attachedTo} warnings={warnings} width={size.columns}/>
			<Box height={layout.main} flexDirection="column">{body}</Box>
			{overlay.kind === 'quit' ? <QuitDialog liveRuns={live} width={Math.min(size.columns, 90)}/> : <StatusLine state={state} width={size.columns}/>}
		</Box>
	);
}
