/**
 * Runs on workers at a glance: Redis and the worker queues' depths on the title row, then a row per
 * `sage-console worker` (online, stopping or offline; its version, flagged when it is not the
 * scheduler's; its queues; the runs it carries out; when it was last heard). On the screen only when jobs.yaml has `redis:`. It takes no keys: there is nothing to
 * do to a worker from here.
 */
import {memo} from 'react';
import type {RemoteView, WorkerView} from '../../protocol/snapshot.js';
import {FixedRows} from '../fixed-rows.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {momentText} from '../moment-text.js';
import {plainRow, rowText} from '../row-text.js';
import {displayWidth} from '../text-fit.js';
import {glyphs, theme, type Style} from '../theme.js';
import {titleRow} from './panel-title.js';
import {versionCell, versionWidth} from './worker-version-cell.js';

export type WorkersPanelProps = {
	remote: RemoteView;
	width: number;
	height: number;
	/** The console's day (log-days.ts: dayNumberOf): a worker last heard on another day is `seen 12-07 10:14:21`. */
	today: number;
	/** The console's zone, the scheduler's, `today` is of. @default 'Asia/Shanghai' */
	zone?: string;
};

function workerState(worker: WorkerView): {text: string; glyph: string; style: Style} {
	if (!worker.online) {
		return {text: 'offline', glyph: glyphs.disabled, style: {color: theme.bad}};
	}

	return worker.stopping ? {text: 'stopping', glyph: '◑', style: {color: theme.warn}} : {text: 'online', glyph: glyphs.idle, style: {color: theme.good}};
}

const rank = (worker: WorkerView) => (worker.online ? (worker.stopping ? 1 : 0) : 2);

/** Online workers first, then stopping, then offline; by name within each. */
export function orderWorkers(workers: readonly WorkerView[]): WorkerView[] {
	return [...workers].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** "redis 127.0.0.1:6379 · analysis 2 waiting 1 running", or Redis down with why. */
export function workersSummary(remote: RemoteView): string {
	if (!remote.reachable) {
		return `redis ${remote.redis} DOWN${remote.problem ? `: ${remote.problem}` : ''}`;
	}

	const queues = remote.queues.map(queue => `${queue.name} ${queue.waiting + queue.delayed} waiting ${queue.active} running`);
	return [`redis ${remote.redis}`, ...queues].join(' · ');
}

/** `seen 10:14:21`; of another day `seen 12-07 10:14:21` (moment-text.ts): an offline worker may be of last week. */
export function seenText(worker: WorkerView, today: number, zone = exchangeTimeZone): string {
	return `seen ${momentText(worker.lastSeenAt, today, zone)}`;
}

/** The widths every row shares, so the columns line up. */
type WorkerColumns = {name: number; queues: number; seen: number; version: number; wideVersion: boolean};

const queuesText = (worker: WorkerView) => `queues ${worker.queues.join(',')}`;

export function workerRow(worker: WorkerView, remote: RemoteView, columns: WorkerColumns, width: number, today: number, zone = exchangeTimeZone): string {
	const state = workerState(worker);
	const capacity = worker.concurrency * Math.max(1, worker.queues.length);
	const runs = worker.runs.map(run => `${run.jobId}#${run.runId}`).join(' ');
	const version = versionCell(worker, remote, columns.wideVersion, columns.version);
	return rowText([
		{text: ` ${state.glyph}`, width: 3, style: state.style},
		{text: worker.name, width: columns.name, pad: 1},
		{text: state.text, width: 9, style: state.style},
		...(version ? [version] : []),
		{text: queuesText(worker), width: columns.queues, pad: 1, style: {color: theme.muted}},
		// A clock time, not "2s ago": it changes only when the worker is heard, so the console need not redraw each second for it.
		{text: seenText(worker, today, zone), width: columns.seen, pad: 1, style: {color: worker.online ? theme.muted : theme.bad}},
		{text: `runs ${worker.runs.length}/${capacity}${runs ? `: ${runs}` : ''}`, style: {color: worker.runs.length > 0 ? theme.accent : theme.muted}},
	], width);
}

/** Room for the runs when the rest of a row is laid out: `runs 1/2: crunch#42`. */
const runsRoom = 18;

/**
 * Each column as wide as its widest text (the queues at most 22 cells), and the version with its
 * package version (`0.1.0+8d71fc6`) only where that leaves the runs their room: at 80 columns its commit.
 */
function workerColumns(workers: readonly WorkerView[], remote: RemoteView, width: number, today: number, zone: string): WorkerColumns {
	const name = Math.min(40, Math.max(12, ...workers.map(worker => displayWidth(worker.name))));
	const queues = Math.min(22, Math.max(0, ...workers.map(worker => displayWidth(queuesText(worker)))));
	// Room for `seen 12-07 10:14:21` only while a worker shown was last heard on another day.
	const seen = Math.max(13, ...workers.map(worker => seenText(worker, today, zone).length));
	const fixed = 3 + name + 1 + 9 + queues + 1 + seen + 1;
	const wide = versionWidth(workers, remote, true);
	const wideVersion = wide === 0 || fixed + wide + 1 + runsRoom <= width;
	return {name, queues, seen, version: wideVersion ? wide : versionWidth(workers, remote, false), wideVersion};
}

export const WorkersPanel = memo(function WorkersPanel({remote, width, height, today, zone = exchangeTimeZone}: WorkersPanelProps) {
	const online = remote.workers.filter(worker => worker.online).length;
	const title = `Workers (${online} online${remote.workers.length > online ? ` of ${remote.workers.length}` : ''})`;
	const rows = [remote.reachable
		? titleRow(title, false, width, workersSummary(remote))
		: rowText([{text: ` ${title} `, style: {color: theme.muted}}, {text: `${glyphs.warning} ${workersSummary(remote)}`, style: {color: theme.bad, bold: true}}], width)];
	const workers = orderWorkers(remote.workers);
	const visible = Math.max(0, height - 1);
	const columns = workerColumns(workers, remote, width, today, zone);
	const row = (worker: WorkerView) => workerRow(worker, remote, columns, width, today, zone);
	if (workers.length === 0) {
		rows.push(plainRow(remote.reachable ? '  no worker has reported yet (sage-console worker --redis URL on a machine with this checkout)' : '  no worker heard of since the scheduler started', width, {color: theme.muted}));
	} else if (workers.length > visible) {
		rows.push(...workers.slice(0, Math.max(0, visible - 1)).map(row), plainRow(`  … and ${workers.length - visible + 1} more (sage-console status)`, width, {color: theme.muted}));
	} else {
		rows.push(...workers.map(row));
	}

	return <FixedRows rows={rows.slice(0, height)} width={width} height={height}/>;
});
