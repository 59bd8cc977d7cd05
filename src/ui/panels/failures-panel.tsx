import {Box, Text} from 'ink';
import {memo} from 'react';
import type {RunSummary} from '../../protocol/snapshot.js';
import {zonedClock} from '../../time/zoned-time.js';
import {clip, fit} from '../text-fit.js';
import {glyphs, statusColor, statusGlyph, theme} from '../theme.js';
import {PanelTitle} from './panel-title.js';

export type FailuresPanelProps = {
	failures: readonly RunSummary[];
	cursor: number;
	focused: boolean;
	width: number;
	height: number;
};

/** Today's failed, timed-out and interrupted runs; Enter opens one. */
export const FailuresPanel = memo(function FailuresPanel({failures, cursor, focused, width, height}: FailuresPanelProps) {
	const visible = Math.max(1, height - 1);
	const offset = Math.min(Math.max(0, cursor - visible + 1), Math.max(0, failures.length - visible));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<PanelTitle title={`Failures today (${failures.length})`} focused={focused} width={width} right={failures.length > 0 ? 'Enter: stack trace' : ''}/>
			{failures.length === 0 && <Text color={theme.good}>  none today</Text>}
			{failures.slice(offset, offset + visible).map((run, index) => {
				const selected = focused && offset + index === cursor;
				const what = run.error ? `${run.error.type}: ${run.error.message}` : run.status;
				return (
					<Text key={run.id} wrap="truncate">
						<Text color={theme.focus}>{selected ? glyphs.cursor : ' '}</Text>
						<Text color={statusColor(run.status)}>{statusGlyph[run.status]} </Text>
						<Text color={theme.muted}>{zonedClock(run.finishedAt ?? run.scheduledAt, 'Asia/Shanghai').slice(0, 5)} </Text>
						<Text inverse={selected}>{fit(run.jobId, 18)}</Text>
						<Text color={theme.bad}> {clip(what, Math.max(10, width - 30))}</Text>
					</Text>
				);
			})}
		</Box>
	);
});
