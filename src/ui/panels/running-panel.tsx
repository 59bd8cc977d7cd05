import {Box, Text} from 'ink';
import {memo} from 'react';
import type {LiveRunView} from '../../protocol/snapshot.js';
import {formatElapsed} from '../relative-time.js';
import {fit} from '../text-fit.js';
import {glyphs, statusGlyph, theme} from '../theme.js';
import {PanelTitle} from './panel-title.js';
import {ProgressBar} from './progress-bar.js';

export type RunningPanelProps = {
	runs: readonly LiveRunView[];
	cursor: number;
	focused: boolean;
	width: number;
	height: number;
	now: number;
};

/** Every live run: progress bar, percent, last message, elapsed time, attempt; queued runs after them. */
export const RunningPanel = memo(function RunningPanel({runs, cursor, focused, width, height, now}: RunningPanelProps) {
	const visible = Math.max(1, height - 1);
	const offset = Math.min(Math.max(0, cursor - visible + 1), Math.max(0, runs.length - visible));
	const nameWidth = Math.min(24, Math.max(12, Math.floor(width * 0.22)));
	const barWidth = Math.max(8, Math.min(24, Math.floor(width * 0.2)));
	const messageWidth = Math.max(6, width - nameWidth - barWidth - 5 - 6 - 9 - 6);
	const running = runs.filter(run => run.status === 'running').length;
	return (
		<Box flexDirection="column" width={width} height={height}>
			<PanelTitle title={`Running (${running}${runs.length > running ? `, ${runs.length - running} queued` : ''})`} focused={focused} width={width}/>
			{runs.length === 0 && <Text color={theme.muted}>  nothing running</Text>}
			{runs.slice(offset, offset + visible).map((run, index) => {
				const selected = focused && offset + index === cursor;
				const percent = run.progress === undefined ? '   ' : `${String(Math.round(run.progress * 100)).padStart(3)}%`;
				return (
					<Text key={run.runId} wrap="truncate">
						<Text color={theme.focus}>{selected ? glyphs.cursor : ' '}</Text>
						<Text color={theme.accent}>{statusGlyph[run.status]} </Text>
						<Text inverse={selected}>{fit(run.jobId, nameWidth)}</Text>
						<Text> </Text>
						{run.status === 'running'
							? <ProgressBar fraction={run.progress} width={barWidth}/>
							: <Text color={theme.muted}>{fit('queued', barWidth)}</Text>}
						<Text> {percent} </Text>
						<Text color={theme.muted}>{fit(run.message ?? '', messageWidth)}</Text>
						<Text> {fit(run.startedAt === undefined ? '' : formatElapsed(now - run.startedAt), 7)}</Text>
						<Text color={run.attempt > 1 ? theme.warn : theme.muted}>{run.attempt > 1 ? `#${run.attempt}` : ''}</Text>
					</Text>
				);
			})}
		</Box>
	);
});
