/**
 * A job view's table of last runs: its cells, and which columns stay on a narrow terminal (givingWay).
 */
import {formatDuration} from '../../config/quantities.js';
import {printable} from '../../log/printable-text.js';
import {triggerText} from '../../protocol/run-summary.js';
import type {RunSummary} from '../../protocol/snapshot.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {fit} from '../text-fit.js';
import {statusGlyph} from '../theme.js';

const stamp = (ms: number | undefined, zone: string) => (ms === undefined ? '—' : formatZonedIso(ms, zone).slice(5, 19).replace('T', ' '));

type RunRow = {RUN: string; TRIGGER: string; 'TRADE DAY': string; STATUS: string; WORKER: string; STARTED: string; DURATION: string; 'ERROR / RESULT': string};

/**
 * A worker's `host:pid`, its host without its domain (`gpu1.lab.example.com:41234` reads
 * `gpu1:41234`; an IP address stays whole), cut in its host where still too long for `width`.
 */
export function workerLabel(worker: string | undefined, width = Number.POSITIVE_INFINITY): string {
	if (worker === undefined) {
		return '';
	}

	const at = worker.lastIndexOf(':');
	const [host, pid] = at < 0 ? [worker, ''] : [worker.slice(0, at), worker.slice(at)];
	const short = /^[\d.]+$/.test(host) || host.includes(':') ? host : host.split('.')[0]!;
	const label = `${short}${pid}`;
	if (label.length <= width) {
		return label;
	}

	return width > pid.length + 1 ? `${fit(short, width - pid.length)}${pid}` : fit(label, width).trimEnd();
}

function runRow(run: RunSummary, zone: string): RunRow {
	return {
		RUN: String(run.id),
		TRIGGER: triggerText(run),
		// The trade day it ran for, as `sage-console history` heads it: not the day it ran (Saturday's
		// run is for Friday's trades), and a backfill's runs differ only in it.
		'TRADE DAY': run.tradeDate?.slice(5) ?? '',
		STATUS: `${statusGlyph[run.status]} ${run.status}`,
		WORKER: workerLabel(run.worker),
		STARTED: stamp(run.startedAt ?? run.scheduledAt, zone),
		DURATION: run.durationMs === undefined ? '' : formatDuration(run.durationMs),
		'ERROR / RESULT': run.error ? printable(`${run.error.type}: ${run.error.message.split('\n')[0]}`) : '',
	};
}

/** ink-table's cell padding, each side of every cell. */
const cellPadding = 1;

/** The error column's heading where there is room for it, the short one where not (at least its cells). */
const errorHeading = 'ERROR / RESULT';
const shortErrorHeading = 'ERROR';

export type RunTable = {data: Array<Record<string, string>>; columns: string[]};

/**
 * The columns that give way on a narrow terminal, first to go first, after the error (headed `ERROR`,
 * then left out): TRADE DAY, nearly always STARTED's day or the trading day before it (a backfill's
 * runs differ in it, and the run's detail has it); TRIGGER, which the run's detail says too; then a
 * `run_on: workers` job's WORKER, its host cut before the column is left out. Which machine ran a
 * failed run is what the operator acts on (its checkout, its disk), so it outlasts both. RUN, STATUS,
 * STARTED and DURATION stay.
 */
const givingWay = ['TRADE DAY', 'TRIGGER'] as const;

/**
 * The rows with each error cut to the room the other columns leave as they are filled (ink-table sizes
 * a column by its longest cell plus padding), so a short run id or trigger gives the error its cells.
 * A TRADE DAY no run has goes before the error is cut; the others give way in givingWay's order, then
 * WORKER (a `run_on: workers` job's, `onWorkers`, after STATUS).
 */
export function runTable(runs: readonly RunSummary[], width: number, zone: string, onWorkers: boolean): RunTable {
	let rows = runs.map(run => runRow(run, zone));
	const columnWidth = (key: keyof RunRow) => Math.max(key.length, ...rows.map(row => row[key].length)) + (2 * cellPadding);
	const roomBeside = (keys: ReadonlyArray<keyof RunRow>) => width - keys.reduce((sum, key) => sum + columnWidth(key), 0) - (2 * cellPadding);
	const all: Array<keyof RunRow> = ['RUN', 'TRIGGER', 'TRADE DAY', 'STATUS', ...(onWorkers ? ['WORKER' as const] : []), 'STARTED', 'DURATION'];
	const noTradeDays = rows.every(row => row['TRADE DAY'] === '');
	let others = noTradeDays && roomBeside(all) < errorHeading.length ? all.filter(key => key !== 'TRADE DAY') : all;
	// A column gone after the error keeps it out: what it leaves is not the error's (the order holds).
	const errorOut = roomBeside(others) < 0;
	for (const key of givingWay) {
		if (roomBeside(others) < 0) {
			others = others.filter(other => other !== key);
		}
	}

	if (onWorkers && roomBeside(others) < 0) {
		// Too narrow even so: the worker's cells get what the other columns leave them.
		const workerRoom = columnWidth('WORKER') - (2 * cellPadding) + roomBeside(others);
		if (workerRoom < 'WORKER'.length) {
			others = others.filter(key => key !== 'WORKER');
		} else {
			rows = rows.map((row, index) => ({...row, WORKER: workerLabel(runs[index]!.worker, workerRoom)}));
		}
	}

	const room = errorOut ? 0 : roomBeside(others);
	const heading = room >= errorHeading.length ? errorHeading : (room >= shortErrorHeading.length ? shortErrorHeading : undefined);
	const data = rows.map(({'ERROR / RESULT': error, ...row}) => (heading === undefined ? row : {...row, [heading]: fit(error, room).trimEnd()}));
	return {data, columns: heading === undefined ? others : [...others, heading]};
}
