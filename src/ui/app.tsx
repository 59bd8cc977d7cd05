import {Box} from 'ink';
import {useEffect, useMemo} from 'react';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {AskedRuns} from './asked-runs.js';
import {createConsoleActions} from './console-actions.js';
import {useClock} from './hooks/use-clock.js';
import {useFeedFrame} from './hooks/use-feed-frame.js';
import {useJobDetail} from './hooks/use-job-detail.js';
import {useLiveClock} from './hooks/use-live-clock.js';
import {useLogTail} from './hooks/use-log-tail.js';
import {dayNumberOf} from './log-days.js';
import {useMouseMode} from './hooks/use-mouse-mode.js';
import {useRunDetail} from './hooks/use-run-detail.js';
import {useSchedulerCalendar} from './hooks/use-scheduler-calendar.js';
import {useServiceDetail} from './hooks/use-service-detail.js';
import {useStatusFade} from './hooks/use-status-fade.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {mainListKeys} from './keys/key-context.js';
import {useConsoleKeys, type QuitMode} from './keys/use-console-keys.js';
import {computeLayout, minimumSize, statusRowsFitting} from './layout.js';
import {Header, headerClockColumn} from './panels/header.js';
import {orderFailures} from './panels/failures-panel.js';
import {servicesCountSeconds} from './panels/services-panel.js';
import type {ServiceView} from '../protocol/snapshot.js';
import type {SchedulerFeed} from './scheduler-feed.js';
import {ScreenBody, viewLinesOf} from './screen-body.js';
import {helpChromeRows} from './overlays/help-overlay.js';
import {useConsoleState} from './state/console-state.js';
import {withoutDismissed} from './dismissed-notices.js';
import {cursorAt} from './state/list-cursor.js';
import {quitRuns} from './quit-runs.js';
import {StatusLine, statusRowsWanted} from './status-line.js';
import {TooSmallNotice} from './too-small-notice.js';
import {warningRowBudget, warningRows} from './warning-rows.js';
import {warningsOf} from './warnings.js';

const noServices: readonly ServiceView[] = [];

export type AppProps = {
	feed: SchedulerFeed;
	/**
	 * The calendar this console read at start, if config/calendar.yaml read fine: the header uses the
	 * scheduler's (its snapshot's) when it sends one.
	 */
	calendar?: TradingCalendar;
	onQuit: (mode: QuitMode) => void;
	/** Attached to a scheduler in another process (its pid): quitting leaves it running. */
	attachedTo?: number;
	now?: () => number;
	/** Tick the header clock in place on a real terminal (not under ink-testing-library). */
	liveClock?: boolean;
	/** How long the answer to an action stays on the status line. @default 4000 */
	statusMs?: number;
	/** Warnings about this console itself (not the scheduler's), shown in the header with the others. */
	consoleNotices?: readonly string[];
};

/** The console: header, jobs, running, workers, services, log and failures, with views for a job, a run, a service, runs and help. */
const noNotices: readonly string[] = [];

export function App({feed, calendar, onQuit, attachedTo, now, liveClock = false, statusMs, consoleNotices = noNotices}: AppProps) {
	const {snapshot, tailVersion, newestSuccesses, gone, reattaching, client, pid, schedulingHere} = useFeedFrame(feed);
	// A console attached to another process shows that scheduler's pid, the new one after a re-attach;
	// one that started the scheduler itself after that went away (`S`) schedules, as if started so; one
	// whose own scheduler crashed and that re-attached to another (systemd's) is attached to that one.
	const attached = (attachedTo !== undefined || pid !== undefined) && !schedulingHere;
	const attachedPid = attached ? pid ?? attachedTo : undefined;
	const schedulerHere = useMemo(() => ({offered: () => feed.reattaching?.noScheduler === true, start: async () => feed.startHere()}), [feed]);
	const size = useTerminalSize();
	const marketCalendar = useSchedulerCalendar(snapshot.calendar, calendar);
	const clockNow = now ?? Date.now;
	const soon = clockNow() + 90_000;
	const services = snapshot.services ?? noServices;
	const countingSeconds = !liveClock || snapshot.live.length > 0 || servicesCountSeconds(services, clockNow()) || snapshot.jobs.some(job => job.nextFireAt !== undefined && job.nextFireAt < soon);
	const time = useClock(now, countingSeconds);
	useLiveClock(liveClock, headerClockColumn, now);
	const [state, dispatch, getState] = useConsoleState();
	useStatusFade(state.status, dispatch, statusMs);
	useMouseMode(state.mouse);
	const jobs = useMemo(() => {
		const filter = state.filter.toLowerCase();
		return filter ? snapshot.jobs.filter(job => `${job.id} ${job.name} ${job.schedule} ${job.queue}`.toLowerCase().includes(filter)) : snapshot.jobs;
	}, [snapshot.jobs, state.filter]);
	const failures = useMemo(() => orderFailures(snapshot.failuresToday, newestSuccesses), [snapshot.failuresToday, newestSuccesses]);
	const serviceFailures = useMemo(() => snapshot.failuresToday.filter(run => run.trigger === 'service').length, [snapshot.failuresToday]);
	// The console's zone is the scheduler's (jobs.yaml's `timezone`): its "today" (today's failures, run
	// log days) and the panels' times are of it; the header's clock stays the exchange's.
	const zone = snapshot.scheduler.timezone;
	// The console's day: a moment of another day is shown with its day (moment-text.ts), the log's separators are reckoned from it; a new one within a minute of midnight (useClock).
	const today = dayNumberOf(time, zone);
	const shown = useMemo(() => withoutDismissed(snapshot, state.dismissedNotices), [snapshot, state.dismissedNotices]);
	const warnings = useMemo(() => warningsOf(shown, gone, today, consoleNotices, reattaching), [shown, gone, today, consoleNotices, reattaching]);
	const warningLines = useMemo(() => warningRows(warnings, size.columns, warningRowBudget(size.rows)), [warnings, size.columns, size.rows]);
	const askedRuns = useMemo(() => new AskedRuns(() => feed.snapshot), [feed]);
	const actions = useMemo(() => createConsoleActions(client, dispatch, askedRuns), [client, dispatch, askedRuns]);
	const {remote} = snapshot;
	// A long question or answer on the status line goes on in a second row, taken from the panels while it shows.
	const liveHere = quitRuns(snapshot.live);
	const statusRows = statusRowsFitting(size.rows, 1 + warningLines.length, statusRowsWanted(state, size.columns, liveHere, snapshot.scheduler.shutdownGraceMs));
	const layout = computeLayout(size.columns, size.rows, 1 + warningLines.length, {jobs: jobs.length, live: snapshot.live.length, failures: failures.length, services: services.length, workers: remote?.workers.length}, statusRows);
	// A reload that took the services away takes their panel with it: the keyboard goes back to the jobs.
	useEffect(() => {
		if (services.length === 0 && state.focus === 'services') {
			dispatch({type: 'focus', panel: 'jobs'});
		}
	}, [services.length, state.focus, dispatch]);
	// Each cursor holds on to its row (a job, a run, a service) as rows arrive above it or leave.
	const rowKeys = useMemo(() => mainListKeys({jobs, live: snapshot.live, services, failures}), [jobs, snapshot.live, services, failures]);
	// Also when the keyboard moves: a list entered at its top holds on to the row shown there at once.
	useEffect(() => {
		dispatch({type: 'follow', lists: rowKeys});
	}, [rowKeys, state.focus, dispatch]);
	const logJob = state.logScope === 'selected' ? jobs[cursorAt(state, 'jobs', rowKeys.jobs)]?.id : undefined;
	const logFilter = useMemo(() => (logJob === undefined ? undefined : (line: {jobId?: string}) => line.jobId === logJob), [logJob]);
	const logRows = Math.max(1, layout.log - 1);
	const tail = useLogTail(feed.tail, tailVersion, logRows, state.log.bottom, logFilter, today);
	const openJobId = state.overlay.kind === 'job' ? state.overlay.jobId : undefined;
	useJobDetail(actions, openJobId, snapshot.jobs.find(job => job.id === openJobId));
	// The job the keys act on, open or selected: a heartbeat job's key bar offers no r or c (nothing runs for it).
	const keyedJob = openJobId === undefined ? (state.overlay.kind === 'none' && state.focus === 'jobs' ? jobs[cursorAt(state, 'jobs', rowKeys.jobs)] : undefined) : snapshot.jobs.find(job => job.id === openJobId);
	const openServiceId = state.overlay.kind === 'service' ? state.overlay.serviceId : undefined;
	useServiceDetail(actions, openServiceId, services.find(service => service.id === openServiceId));
	useRunDetail(actions, state.overlay, snapshot.live);
	// A run's detail ends with its newest log lines: re-read as they come while it is open.
	const detailTail = state.overlay.kind === 'detail' ? tailVersion : 0;
	// A service's view shows its uptime, a live run's detail its time so far and its worker: from the newest snapshot.
	const viewNow = state.overlay.kind === 'service' || (state.overlay.kind === 'detail' && state.overlay.run.finishedAt === undefined) ? time : 0;
	const viewLines = useMemo(
		() => viewLinesOf(state.overlay, {tail: feed.tail, live: snapshot.live, services, now: viewNow, today, zone}, size.columns, layout.main),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[state.overlay, feed.tail, size.columns, layout.main, detailTail, viewNow, today, zone, snapshot.live, services],
	);
	// The live clock writes the header's seconds in place; a frame drawn between two of its ticks shows
	// the time of day too, not the panels' clock (ticking by the minute when idle, up to 59 s behind).
	const headerNow = liveClock ? clockNow() : time;
	const live = snapshot.live.filter(run => run.status === 'running').length;
	const need = minimumSize(1 + warningLines.length);
	const tooSmall = size.columns < need.columns || size.rows < need.rows;
	useConsoleKeys({
		actions, getState, dispatch, jobs, allJobs: snapshot.jobs, live: snapshot.live, services, failures, rowKeys, tail: feed.tail, logFilter, logRows, logToday: today,
		// As each panel shows them: the title row, and the Jobs panel's column headings.
		listRows: {jobs: layout.jobs - 2, running: layout.running - 1, services: layout.services - 1, failures: layout.failures - 1},
		viewLines: viewLines.map(line => (line.divider ? '' : line.text)), viewPage: Math.max(1, layout.main - (state.overlay.kind === 'help' ? helpChromeRows : 1)),
		// Attached, quitting only detaches: the runs go on in the scheduler.
		// Read at the key, not the frame: `S` may have made this console the scheduling one since.
		onQuit: mode => onQuit((attachedTo !== undefined || feed.pid !== undefined) && !feed.schedulingHere ? 'cancel' : mode),
		liveRunning: () => ((attachedTo !== undefined || feed.pid !== undefined) && !feed.schedulingHere ? 0 : quitRuns(feed.snapshot.live).here),
		liveNow: () => askedRuns.live(),
		runComing: jobId => askedRuns.comingFor(jobId),
		schedulerHere,
		notices: () => feed.snapshot.notices,
		schedulerPaused: () => feed.snapshot.scheduler.paused,
		pausedNow: jobId => actions.pausedNow(jobId, feed.snapshot.jobs.find(job => job.id === jobId)?.paused ?? false),
	});
	return (
		<Box flexDirection="column" width={size.columns} height={size.rows - 1}>
			<Header now={headerNow} calendar={marketCalendar} jobs={snapshot.jobs.length} running={live} today={snapshot.today} loopDelayMs={snapshot.loopDelayMs} schedulerPaused={snapshot.scheduler.paused} attachedTo={attachedPid} serviceFailures={serviceFailures} stale={reattaching !== undefined} dropped={reattaching?.dropped} stopped={reattaching?.stopped !== undefined} warningRows={warningLines} width={size.columns}/>
			{tooSmall ? <TooSmallNotice columns={size.columns} rows={size.rows} need={need}/> : <ScreenBody state={state} rowKeys={rowKeys} layout={layout} jobs={jobs} allJobs={snapshot.jobs} live={snapshot.live} failures={failures} jobRunsFailed={snapshot.today.failed} services={services} remote={remote} log={tail} logScope={logJob} viewLines={viewLines} now={time} schedulerPaused={snapshot.scheduler.paused} schedulerStopping={snapshot.scheduler.stopping} zone={zone}/>}
			<StatusLine state={state} liveRuns={liveHere} shutdownGraceMs={snapshot.scheduler.shutdownGraceMs} width={size.columns} rows={statusRows} heartbeatJob={keyedJob?.heartbeat !== undefined}/>
		</Box>
	);
}
