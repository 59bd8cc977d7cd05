import type {Dispatch} from 'react';
import type {JobView, LiveRunView, ServiceView} from '../../protocol/snapshot.js';
import type {ConsoleActions} from '../console-actions.js';
import type {LineFilter, LogBuffer} from '../log-buffer.js';
import type {FailureRow} from '../panels/failures-panel.js';
import type {ConsoleAction, ConsoleState} from '../state/console-state.js';
import {cursorAt, type RowKey} from '../state/list-cursor.js';

export type QuitMode = 'wait' | 'cancel';

/** What a key handler can see and do: the newest frame's lists and the console's requests. */
export type KeyContext = {
	actions: ConsoleActions;
	/** The state as of the last key, even before React has re-rendered. */
	getState: () => ConsoleState;
	dispatch: Dispatch<ConsoleAction>;
	/** The jobs as listed (filtered). */
	jobs: readonly JobView[];
	/** Every job, whatever the filter. */
	allJobs: readonly JobView[];
	live: readonly LiveRunView[];
	/** Supervised services, as the services panel lists them (none: no panel). */
	services: readonly ServiceView[];
	/** Today's failures in the panel's order. */
	failures: readonly FailureRow[];
	/** The keys of the rows of jobs, live, services and failures, in the same order (mainListKeys). */
	rowKeys: MainListKeys;
	tail: LogBuffer;
	logFilter: LineFilter;
	/** Rows the log panel has for lines and their day separators. */
	logRows: number;
	/** Rows each list panel shows at once (PgUp and PgDn move by its page); absent: the log's. */
	listRows?: Partial<Record<keyof MainListKeys, number>>;
	/** Today, as the log's day separators reckon it (log-days.ts: dayNumberOf). */
	logToday: number;
	/** The open detail or job view, as drawn (wrapped), for scrolling and search. */
	viewLines: readonly string[];
	/** Rows a detail or job view shows at once. */
	viewPage: number;
	/** Starting the root's scheduler here while none runs it (`S`); absent in a console that cannot. */
	schedulerHere?: SchedulerHere;
	/** The scheduler's header notices, as of the newest snapshot (`d` dismisses the ones it may). */
	notices: () => readonly string[];
	/**
	 * Runs going or waiting now, as of the newest snapshot, and the ones `r` started that it does not
	 * show yet (`live` is the last frame's, drawn once a second).
	 */
	liveNow: () => readonly LiveRunView[];
	/**
	 * The run of a job `r` has just asked for, while the scheduler's answer is on its way: settles with
	 * it (none: not started). Undefined when no answer is awaited.
	 */
	runComing: (jobId: string) => Promise<LiveRunView | undefined> | undefined;
	/** Whether the whole scheduler is paused (`pause --all`), as of the newest snapshot: a job resumed then still does not fire. */
	schedulerPaused?: () => boolean;
	/** Whether a job is paused as of the newest snapshot or the `p` just asked (the frame is up to a second older). */
	pausedNow?: (jobId: string) => boolean;
	/** Runs going now, as of the newest snapshot (for quit). */
	liveRunning: () => number;
	onQuit: (mode: QuitMode) => void;
};

/** See SchedulerFeed's `reattaching.noScheduler` and `startHere`. */
export type SchedulerHere = {
	/** Whether no scheduler runs the root now (the console re-attaching, the lock free). */
	offered: () => boolean;
	/** @returns the pid of a scheduler that took the root meanwhile (attached to); undefined: started here */
	start: () => Promise<number | undefined>;
};

/** The main panels' lists, by the key their cursor holds on to. */
export type MainListKeys = {jobs: readonly RowKey[]; running: readonly RowKey[]; services: readonly RowKey[]; failures: readonly RowKey[]};

export type MainLists = Pick<KeyContext, 'jobs' | 'live' | 'services' | 'failures'>;

/** The rows' keys: a job's and a service's id, a live run's and a failure's run id. */
export function mainListKeys({jobs, live, services, failures}: MainLists): MainListKeys {
	return {jobs: jobs.map(job => job.id), running: live.map(run => run.runId), services: services.map(service => service.id), failures: failures.map(row => row.run.id)};
}

/** The row number the cursor of a main panel is on, as of the last key (its picked row wherever it is now). */
export function selectedIndex(context: KeyContext, list: keyof MainListKeys): number {
	return cursorAt(context.getState(), list, context.rowKeys[list]);
}

/** Says something on the status line. */
export function say(context: KeyContext, text: string, tone: 'info' | 'good' | 'bad' = 'info'): void {
	context.dispatch({type: 'say', text, tone});
}

/**
 * Clears the status line: the last action (a search that found its line) has nothing to say, and the
 * answer to an earlier one, `no older line with "…"` say, would misstate what just happened.
 */
export function unsay(context: KeyContext): void {
	const {status} = context.getState();
	if (status) {
		context.dispatch({type: 'fade', status});
	}
}
