import {Table} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {formatDuration} from '../../config/quantities.js';
import type {RunStatus} from '../../core/run-record.js';
import {printable} from '../../log/printable-text.js';
import type {JobDetail} from '../../protocol/messages.js';
import type {JobView as Job, RunSummary} from '../../protocol/snapshot.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {formatZonedIso, zonedDate} from '../../time/zoned-time.js';
import {FixedRows} from '../fixed-rows.js';
import {titleRow} from '../panels/panel-title.js';
import {formatIn} from '../relative-time.js';
import {plainRow, rowText} from '../row-text.js';
import {median, sparkline} from '../sparkline.js';
import {fit, wrapLine} from '../text-fit.js';
import {glyphs, statusColor, statusGlyph, theme} from '../theme.js';
import {triggerText} from '../../protocol/run-summary.js';

export type JobViewProps = {
	job: Job | undefined;
	jobId: string;
	detail: JobDetail | undefined;
	/** Its module path or command. */
	target?: string;
	/** The first of the runs shown in the table. */
	scroll: number;
	now: number;
	width: number;
	height: number;
	/** The console's zone, the scheduler's (jobs.yaml's `timezone`): next fires and runs' times. @default 'Asia/Shanghai' */
	zone?: string;
};

/** The facts' label column, ` schedule  `: a wrapped fact goes on under its text. */
const labelWidth = 11;
const stamp = (ms: number | undefined, zone: string) => (ms === undefined ? '—' : formatZonedIso(ms, zone).slice(5, 19).replace('T', ' '));

function fireText(at: number, now: number, seconds: boolean, zone: string): string {
	const day = zonedDate(at, zone) === zonedDate(now, zone) ? '' : `${zonedDate(at, zone).slice(5)} `;
	return `${day}${formatZonedIso(at, zone).slice(11, seconds ? 19 : 16)} (${formatIn(at - now)})`;
}

/** The next fires; with seconds when one is off the whole minute (`every 5s` would read 12:39 · 12:39 · …). */
function firesText(fires: readonly number[], now: number, zone: string): string {
	const seconds = fires.some(at => Math.floor(at / 1000) % 60 !== 0);
	return fires.map(at => fireText(at, now, seconds, zone)).join(' · ');
}

/** The job's facts, next fires, success rate, durations and why it did or did not fire, as rows. */
export function jobFacts(job: Job | undefined, detail: JobDetail | undefined, now: number, width: number, target?: string, zone = exchangeTimeZone): string[] {
	// A fact too long for its row goes on under it, as a run's detail wraps: its end is often what matters.
	const line = (label: string, text: string, color?: string) => wrapLine(text, Math.max(10, width - labelWidth)).map((part, index) => rowText([
		{text: ` ${(index === 0 ? label : '').padEnd(labelWidth - 1)}`, style: {color: theme.muted}},
		{text: part, style: {color: color as never}},
	], width));
	if (!detail) {
		return line('', 'loading…');
	}

	const state = !job ? 'not in jobs.yaml any more' : (!job.enabled ? `${glyphs.disabled} disabled` : (job.paused ? `${glyphs.paused} paused` : `${glyphs.idle} active`));
	const durations = detail.durations;
	const ended = detail.recentRuns.filter(run => !['queued', 'running', 'skipped'].includes(run.status));
	const succeeded = ended.filter(run => run.status === 'success').length;
	const rows = [
		...line('schedule', `${job?.schedule ?? '—'}   queue ${job?.queue ?? '—'} · priority ${job?.priority ?? '—'}${job?.workers === undefined ? '' : ` · on workers (worker queue ${job.workers})`} · ${job?.kind ?? ''}${target === undefined ? '' : ` ${target}`}`),
		...line('state', state, job?.paused || job?.enabled === false ? theme.warn : undefined),
		...line('next', detail.nextFires.length > 0 ? firesText(detail.nextFires, now, zone) : (detail.neverFires ? 'never again' : 'no schedule of its own')),
		...line('success', detail.successRate === undefined ? 'no ended runs yet' : `${succeeded} of ${ended.length === 1 ? 'its one ended run' : `the last ${ended.length} ended runs`} (${Math.round(detail.successRate * 100)}%)`),
		...line('durations', durations.length === 0
			? 'no successful run yet'
			: `${sparkline(durations)}  last ${formatDuration(durations.at(-1)!)} · median ${formatDuration(median(durations))} · max ${formatDuration(Math.max(...durations))}  (${durations.length} ${durations.length === 1 ? 'run' : 'runs'}, oldest first)`),
		...(detail.notes.length === 0 ? line('why', 'nothing holds it back') : detail.notes.flatMap((note, index) => line(index === 0 ? 'why' : '', note, theme.warn))),
	];
	return rows;
}

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

type RunTable = {data: Array<Record<string, string>>; columns: string[]};

/**
 * The rows with each error cut to the room the other columns leave as they are filled (ink-table sizes
 * a column by its longest cell plus padding), so a short run id or trigger gives the error its cells.
 * On a narrow terminal the error gives way before any other column is cut: headed `ERROR` when its
 * full heading does not fit, left out when not even that does; a TRADE DAY no run has goes first.
 * A `run_on: workers` job's runs (`onWorkers`) name their worker after STATUS; where the row still
 * does not fit, the worker's host is cut, and the column left out when not even its heading fits.
 */
function runTable(runs: readonly RunSummary[], width: number, zone: string, onWorkers: boolean): RunTable {
	let rows = runs.map(run => runRow(run, zone));
	const columnWidth = (key: keyof RunRow) => Math.max(key.length, ...rows.map(row => row[key].length)) + (2 * cellPadding);
	const roomBeside = (keys: ReadonlyArray<keyof RunRow>) => width - keys.reduce((sum, key) => sum + columnWidth(key), 0) - (2 * cellPadding);
	const all: Array<keyof RunRow> = ['RUN', 'TRIGGER', 'TRADE DAY', 'STATUS', ...(onWorkers ? ['WORKER' as const] : []), 'STARTED', 'DURATION'];
	const noTradeDays = rows.every(row => row['TRADE DAY'] === '');
	let others = noTradeDays && roomBeside(all) < errorHeading.length ? all.filter(key => key !== 'TRADE DAY') : all;
	if (onWorkers && roomBeside(others) < 0) {
		// Too narrow even without the error: the worker's cells get what the other columns leave them.
		const workerRoom = columnWidth('WORKER') - (2 * cellPadding) + roomBeside(others);
		if (workerRoom < 'WORKER'.length) {
			others = others.filter(key => key !== 'WORKER');
		} else {
			rows = rows.map((row, index) => ({...row, WORKER: workerLabel(runs[index]!.worker, workerRoom)}));
		}
	}

	const room = roomBeside(others);
	const heading = room >= errorHeading.length ? errorHeading : (room >= shortErrorHeading.length ? shortErrorHeading : undefined);
	const data = rows.map(({'ERROR / RESULT': error, ...row}) => (heading === undefined ? row : {...row, [heading]: fit(error, room).trimEnd()}));
	return {data, columns: heading === undefined ? others : [...others, heading]};
}

const statusOf = (cell: string) => cell.trim().split(' ')[1] as RunStatus | undefined;
// No frame lines: one row per run, so a short terminal still shows a dozen.
const NoSkeleton = (): ReactNode => null;
const Heading = ({children}: {children?: ReactNode}) => <Text bold color={theme.muted}>{children}</Text>;
/** A cell, the status in its colour: the status column is the third when there is no TRADE DAY column. */
const statusCell = (statusColumn: number) => function Cell({column, children}: {column: number; children?: ReactNode}) {
	return <Text color={column === statusColumn ? statusColor(statusOf(String(children))) : undefined}>{children}</Text>;
};

const cells = {withTradeDay: statusCell(3), withoutTradeDay: statusCell(2)};

const RunsTable = ({data, columns}: RunTable) => <Table data={data} columns={columns} skeleton={NoSkeleton} header={Heading} cell={columns.includes('TRADE DAY') ? cells.withTradeDay : cells.withoutTradeDay}/>;

/** One job up close: its facts, next fires, success rate, a duration sparkline, why it did not fire, its last runs. */
export function JobView({job, jobId, detail, target, scroll, now, width, height, zone = exchangeTimeZone}: JobViewProps) {
	const facts = jobFacts(job, detail, now, width, target, zone);
	const title = titleRow(`Job ${jobId}${job && job.name !== jobId ? ` · ${job.name}` : ''}`, true, width, 'Esc back');
	const tableRows = Math.max(1, height - facts.length - 4);
	const runs = (detail?.recentRuns ?? []).slice(scroll, scroll + tableRows);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<FixedRows rows={[title, ...facts, plainRow(` last runs, newest first${detail && detail.recentRuns.length > tableRows ? ` (${scroll + 1}-${scroll + runs.length} of ${detail.recentRuns.length}, ↑↓)` : ''}`, width, {color: theme.accent})]} width={width}/>
			{runs.length > 0 && (
				<Box height={tableRows + 1} overflow="hidden">
					<RunsTable {...runTable(runs, width, zone, job?.workers !== undefined)}/>
				</Box>
			)}
		</Box>
	);
}
