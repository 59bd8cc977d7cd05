import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import {formatDuration} from '../../config/quantities.js';
import type {JobView} from '../../protocol/snapshot.js';
import {zonedClock, zonedDate} from '../../time/zoned-time.js';
import {formatIn} from '../relative-time.js';
import {clip, fit} from '../text-fit.js';
import {glyphs, statusColor, statusGlyph, theme} from '../theme.js';
import {PanelTitle} from './panel-title.js';

export type JobsPanelProps = {
	jobs: readonly JobView[];
	cursor: number;
	focused: boolean;
	width: number;
	height: number;
	now: number;
	filter: string;
};

type Columns = {name: number; schedule: number; next: number; last: number};

function columnsFor(width: number): Columns {
	const next = 18;
	const last = 14;
	const rest = Math.max(20, width - 3 - next - last - 3);
	const name = Math.max(12, Math.floor(rest * 0.45));
	return {name, schedule: rest - name, next, last};
}

function nextText(job: JobView, now: number): string {
	if (!job.enabled) {
		return 'disabled';
	}

	if (job.paused) {
		return `${glyphs.paused} paused`;
	}

	if (job.nextFireAt === undefined) {
		return '—';
	}

	const sameDay = zonedDate(job.nextFireAt, 'Asia/Shanghai') === zonedDate(now, 'Asia/Shanghai');
	const time = sameDay ? zonedClock(job.nextFireAt, 'Asia/Shanghai').slice(0, 5) : zonedDate(job.nextFireAt, 'Asia/Shanghai').slice(5);
	return `${time} ${formatIn(job.nextFireAt - now)}`;
}

function lastText(job: JobView): string {
	const run = job.lastRun;
	if (!run) {
		return 'never run';
	}

	return `${statusGlyph[run.status]} ${run.status === 'success' ? formatDuration(run.durationMs ?? 0) : run.status}`;
}

const JobRow = memo(function JobRow({job, selected, columns, now}: {job: JobView; selected: boolean; columns: Columns; now: number}) {
	const glyph = job.liveRuns > 0 ? statusGlyph.running : (job.paused ? glyphs.paused : (job.enabled ? glyphs.idle : glyphs.disabled));
	const glyphColor = job.liveRuns > 0 ? theme.accent : (job.paused || !job.enabled ? theme.warn : statusColor(job.lastRun?.status));
	const label = job.name === job.id ? job.id : `${job.name} ${job.id}`;
	return (
		// One Text per row (nested spans, no row Box): a row is one layout node, which keeps a frame cheap.
		<Text wrap="truncate">
			<Text color={theme.focus}>{selected ? glyphs.cursor : ' '}</Text>
			<Text color={glyphColor}>{glyph} </Text>
			<Text inverse={selected} bold={job.liveRuns > 0}>{fit(label, columns.name)}</Text>
			<Text color={theme.muted}> {fit(job.schedule, columns.schedule)}</Text>
			<Text color={job.paused ? theme.warn : undefined}> {fit(nextText(job, now), columns.next)}</Text>
			<Text color={statusColor(job.lastRun?.status)}> {clip(lastText(job), columns.last)}</Text>
		</Text>
	);
});

/** Every job: status, name, schedule in words, next run, last result; a cursor; scrolls when long. */
export const JobsPanel = memo(function JobsPanel({jobs, cursor, focused, width, height, now, filter}: JobsPanelProps) {
	// One object per width: JobRow is memoized, and a new columns object would draw every row again.
	const columns = useMemo(() => columnsFor(width), [width]);
	const visible = Math.max(1, height - 2);
	const offset = Math.min(Math.max(0, cursor - visible + 1), Math.max(0, jobs.length - visible));
	const shown = jobs.slice(offset, offset + visible);
	const title = filter ? `Jobs (${jobs.length} matching "${filter}")` : `Jobs (${jobs.length})`;
	const more = jobs.length > visible ? `${offset + 1}-${offset + shown.length} of ${jobs.length}` : '';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<PanelTitle title={title} focused={focused} width={width} right={more}/>
			<Text color={theme.muted}>{`  ${fit('NAME', columns.name)} ${fit('SCHEDULE', columns.schedule)} ${fit('NEXT', columns.next)} ${fit('LAST', columns.last)}`}</Text>
			{shown.map((job, index) => (
				<JobRow key={job.id} job={job} selected={focused && offset + index === cursor} columns={columns} now={now}/>
			))}
			{jobs.length === 0 && <Text color={theme.muted}>  {filter ? 'no job matches the filter (Esc clears it)' : 'no jobs in config/jobs.yaml'}</Text>}
		</Box>
	);
});
