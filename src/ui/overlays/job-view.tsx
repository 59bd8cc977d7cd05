import {Table} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {formatDuration} from '../../config/quantities.js';
import type {RunStatus} from '../../core/run-record.js';
import type {JobDetail} from '../../protocol/messages.js';
import type {JobView as Job} from '../../protocol/snapshot.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {formatZonedIso, zonedDate} from '../../time/zoned-time.js';
import {deadlineMissedFact} from '../deadline-missed-text.js';
import {FixedRows} from '../fixed-rows.js';
import {heartbeatFacts, heartbeatNoRuns} from './heartbeat-facts.js';
import {titleRow} from '../panels/panel-title.js';
import {formatIn} from '../relative-time.js';
import {plainRow, rowText} from '../row-text.js';
import {median, sparkline} from '../sparkline.js';
import {displayWidth, wrapFacts, wrapLine} from '../text-fit.js';
import {glyphs, statusColor, theme} from '../theme.js';
import {runTable, type RunTable} from './run-table-columns.js';

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

function fireText(at: number, now: number, seconds: boolean, zone: string): string {
	const day = zonedDate(at, zone) === zonedDate(now, zone) ? '' : `${zonedDate(at, zone).slice(5)} `;
	return `${day}${formatZonedIso(at, zone).slice(11, seconds ? 19 : 16)} (${formatIn(at - now)})`;
}

/** The next fires; with seconds when one is off the whole minute (`every 5s` would read 12:39 · 12:39 · …). */
function firesText(fires: readonly number[], now: number, zone: string): string[] {
	const seconds = fires.some(at => Math.floor(at / 1000) % 60 !== 0);
	return fires.map(at => fireText(at, now, seconds, zone));
}

/** The job's facts, next fires, success rate, durations and why it did or did not fire, as rows. */
export function jobFacts(job: Job | undefined, detail: JobDetail | undefined, now: number, width: number, target?: string, zone = exchangeTimeZone): string[] {
	// A fact too long for its row goes on under it, as a run's detail wraps: its end is often what matters.
	// Several facts (`priority medium · module jobs/steps.ts`) wrap between them, `·` apart, not inside one.
	const line = (label: string, text: string | readonly string[], color?: string) => (typeof text === 'string' ? wrapLine(text, Math.max(10, width - labelWidth)) : wrapFacts(text, Math.max(10, width - labelWidth), '', ' · ')).map((part, index) => rowText([
		{text: ` ${(index === 0 ? label : '').padEnd(labelWidth - 1)}`, style: {color: theme.muted}},
		{text: part, style: {color: color as never}},
	], width));
	if (!detail) {
		return line('', 'loading…');
	}

	if (job?.heartbeat) {
		return heartbeatFacts(job, job.heartbeat, detail, now, zone).flatMap(([label, text, color]) => line(label, text, color));
	}

	const state = !job ? 'not in jobs.yaml any more' : (!job.enabled ? `${glyphs.disabled} disabled` : (job.paused ? `${glyphs.paused} paused` : `${glyphs.idle} active`));
	const durations = detail.durations;
	const ended = detail.recentRuns.filter(run => !['queued', 'running', 'skipped'].includes(run.status));
	const succeeded = ended.filter(run => run.status === 'success').length;
	const rows = [
		...line('schedule', [`${job?.schedule ?? '—'}   queue ${job?.queue ?? '—'}`, `priority ${job?.priority ?? '—'}`, ...(job?.workers === undefined ? [] : [`on workers (worker queue ${job.workers})`]), `${job?.kind ?? ''}${target === undefined ? '' : ` ${target}`}`]),
		...line('state', state, job?.paused || job?.enabled === false ? theme.warn : undefined),
		...[deadlineMissedFact(job, now, zone)].flatMap(missed => (missed ? line('deadline', missed, theme.bad) : [])),
		...line('next', detail.nextFires.length > 0 ? firesText(detail.nextFires, now, zone) : (detail.neverFires ? 'never again' : 'no schedule of its own')),
		// Its next attempt waiting for its backoff: nothing runs or waits for a slot meanwhile.
		...(job?.retry ? line('retry', [`attempt ${job.retry.attempt} of ${job.retry.of} at ${fireText(job.retry.at, now, true, zone)}`, `after run ${job.retry.after}`, `sage-console cancel ${job.retry.after} drops it`], theme.warn) : []),
		...line('success', detail.successRate === undefined ? 'no ended runs yet' : `${succeeded} of ${ended.length === 1 ? 'its one ended run' : `the last ${ended.length} ended runs`} (${Math.round(detail.successRate * 100)}%)`),
		...line('durations', durations.length === 0
			? 'no successful run yet'
			: [`${sparkline(durations)}  last ${formatDuration(durations.at(-1)!)}`, `median ${formatDuration(median(durations))}`, `max ${formatDuration(Math.max(...durations))}  (${durations.length} ${durations.length === 1 ? 'run' : 'runs'}, oldest first)`]),
		...(detail.notes.length === 0 ? line('why', 'nothing holds it back') : detail.notes.flatMap((note, index) => line(index === 0 ? 'why' : '', note, theme.warn))),
	];
	return rows;
}

const statusOf = (cell: string) => cell.trim().split(' ')[1] as RunStatus | undefined;
// No frame lines: one row per run, so a short terminal still shows a dozen.
const NoSkeleton = (): ReactNode => null;
const Heading = ({children}: {children?: ReactNode}) => <Text bold color={theme.muted}>{children}</Text>;
/** A cell, the status in its colour: STATUS is the column `statusColumn` (0-based), after those that stayed. */
const statusCell = (statusColumn: number) => function Cell({column, children}: {column: number; children?: ReactNode}) {
	return <Text color={column === statusColumn ? statusColor(statusOf(String(children))) : undefined}>{children}</Text>;
};

/** One per place STATUS can take: after RUN, TRIGGER and TRADE DAY, or fewer of them. */
const cells = [1, 2, 3].map(column => statusCell(column));

const RunsTable = ({data, columns}: RunTable) => <Table data={data} columns={columns} skeleton={NoSkeleton} header={Heading} cell={cells[columns.indexOf('STATUS') - 1]}/>;

/** One job up close: its facts, next fires, success rate, a duration sparkline, why it did not fire, its last runs. */
export function JobView({job, jobId, detail, target, scroll, now, width, height, zone = exchangeTimeZone}: JobViewProps) {
	const named = job !== undefined && job.name !== jobId;
	// A long id leaves the title no room for the display name (`Job very_long_quarterly_sync…`), which the
	// Jobs panel drops first at 80 columns: then it has a row of its own, so the view still says it.
	const nameCut = named && displayWidth(` Job ${jobId} · ${job.name}  Esc back`) > width;
	const facts = [
		...(nameCut ? wrapLine(job.name, Math.max(10, width - labelWidth)).map((part, index) => rowText([
			{text: ` ${(index === 0 ? 'name' : '').padEnd(labelWidth - 1)}`, style: {color: theme.muted}},
			{text: part},
		], width)) : []),
		...jobFacts(job, detail, now, width, target, zone),
	];
	const title = titleRow(`Job ${jobId}${named && !nameCut ? ` · ${job.name}` : ''}`, true, width, 'Esc back');
	const tableRows = Math.max(1, height - facts.length - 4);
	const runs = (detail?.recentRuns ?? []).slice(scroll, scroll + tableRows);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<FixedRows rows={[title, ...facts, job?.heartbeat && runs.length === 0 ? plainRow(` ${heartbeatNoRuns}`, width, {color: theme.muted}) : plainRow(` last runs, newest first${detail && detail.recentRuns.length > tableRows ? ` (${scroll + 1}-${scroll + runs.length} of ${detail.recentRuns.length}, ↑↓)` : ''}`, width, {color: theme.accent})]} width={width}/>
			{runs.length > 0 && (
				<Box height={tableRows + 1} overflow="hidden">
					<RunsTable {...runTable(runs, width, zone, job?.workers !== undefined)}/>
				</Box>
			)}
		</Box>
	);
}
