import {bottomShowing, logViewWindow} from '../log-day-window.js';
import type {KeyContext} from './key-context.js';
import {say, unsay} from './key-context.js';

/**
 * Moving in the log. Following, the panel shows the newest lines; any move back pins it (`bottom`),
 * so the line under the cursor stays put however fast lines arrive, until End or a move past the
 * newest line follows again. The panel's rows hold day separators as well as lines: what is shown is
 * asked of the same window the panel draws (log-day-window.ts), so the selected line is never the one
 * a separator pushed out of view.
 */
function view(context: KeyContext) {
	const {log} = context.getState();
	const shown = shownEndingAt(context, log.bottom);
	const bottom = shown.at(-1)?.seq;
	return {shown, bottom, selected: log.selected ?? bottom};
}

function shownEndingAt(context: KeyContext, bottom: number | undefined) {
	const {tail, logFilter, logRows, logToday} = context;
	return logViewWindow(tail, logRows, bottom, logFilter, logToday);
}

/** The last line of a view whose top line is `top`. */
function bottomFor(context: KeyContext, top: number): number {
	const {tail, logFilter, logRows, logToday} = context;
	return bottomShowing(tail, top, logRows, logFilter, logToday);
}

/** `bottom`, or the bottom of a view that has `seq` as its top line when `seq` would be above the view ending at `bottom`. */
function bottomKeeping(context: KeyContext, seq: number, bottom: number): number {
	const top = shownEndingAt(context, bottom)[0]?.seq ?? bottom;
	return seq < top ? bottomFor(context, seq) : bottom;
}

/** Shows `selected` with `bottom` as the last row; `pin` keeps the view still even at the newest line. */
function show(context: KeyContext, selected: number | undefined, bottom: number | undefined, pin: boolean): void {
	const {tail, logFilter} = context;
	const newest = tail.window(1, undefined, logFilter)[0]?.seq;
	const follow = bottom === undefined || newest === undefined || (!pin && bottom >= newest);
	context.dispatch({type: 'log-view', view: {selected, bottom: follow ? undefined : bottom}});
}

/** ↑↓ (delta ±1) and PgUp/PgDn (± a page, the view moving with the cursor) in the log. */
export function moveInLog(context: KeyContext, delta: number, page = false): void {
	const {tail, logFilter} = context;
	const {shown, bottom, selected} = view(context);
	if (selected === undefined || bottom === undefined) {
		return;
	}

	const next = tail.step(selected, delta, logFilter) ?? selected;
	let newBottom = (page ? tail.step(bottom, delta, logFilter) : bottom) ?? bottom;
	const top = (page ? shownEndingAt(context, newBottom) : shown)[0]?.seq ?? newBottom;
	if (next > newBottom) {
		newBottom = next;
	} else if (next < top) {
		newBottom = bottomFor(context, next);
	}

	show(context, next, newBottom, delta < 0);
}

export function logToEnd(context: KeyContext, end: 'top' | 'bottom'): void {
	if (end === 'bottom') {
		context.dispatch({type: 'log-view', view: {}});
		return;
	}

	const {tail, logFilter} = context;
	const oldest = tail.step(tail.oldest, 0, logFilter);
	show(context, oldest, oldest === undefined ? undefined : bottomFor(context, oldest), true);
}

/** The next line matching the search, older (n) or newer (N) than the selected one; it is shown mid-panel. */
export function findInLog(context: KeyContext, direction: -1 | 1, includeSelected = false): void {
	const {tail, logFilter, logRows} = context;
	const term = context.getState().search;
	if (!term) {
		say(context, 'no search yet: / to search the log', 'bad');
		return;
	}

	const {selected} = view(context);
	const from = selected === undefined ? tail.newest + 1 : (includeSelected ? selected - direction : selected);
	const found = tail.find(term, from, direction, logFilter);
	if (found === undefined) {
		say(context, `no ${direction < 0 ? 'older' : 'newer'} line with "${term}" in the last ${tail.length} lines`, 'bad');
		return;
	}

	unsay(context);
	const middle = tail.step(found, Math.floor(logRows / 2), logFilter) ?? found;
	show(context, found, bottomKeeping(context, found, middle), true);
}

/** Enter on a log line: the run that wrote it. */
export function openLogLine(context: KeyContext): void {
	const {selected} = view(context);
	const line = selected === undefined ? undefined : context.tail.at(selected);
	if (!line) {
		say(context, 'no log line selected');
	} else if (line.runId === undefined) {
		say(context, `this line is the scheduler's own${line.jobId ? ` (about ${line.jobId})` : ''}, not a run's`);
	} else {
		context.actions.openRun(line.runId);
	}
}
