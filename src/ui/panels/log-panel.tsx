import {Box, Text} from 'ink';
import type {LogLine} from '../../engine/ports.js';
import {zonedClock} from '../../time/zoned-time.js';
import {clip, fit} from '../text-fit.js';
import {levelColor, theme} from '../theme.js';
import {PanelTitle} from './panel-title.js';

export type LogPanelProps = {
	lines: readonly LogLine[];
	scope: string;
	scroll: number;
	focused: boolean;
	width: number;
	height: number;
};

/** The newest log lines of all jobs or one, levels coloured; PgUp/PgDn scroll back. */
export function LogPanel({lines, scope, scroll, focused, width, height}: LogPanelProps) {
	const jobWidth = Math.min(18, Math.max(8, Math.floor(width * 0.16)));
	const right = scroll > 0 ? `${scroll} lines back · PgDn` : 'newest';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<PanelTitle title={`Log · ${scope}`} focused={focused} width={width} right={right}/>
			{lines.length === 0 && <Text color={theme.muted}>  no log lines yet</Text>}
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate">
					<Text color={theme.muted}>{zonedClock(line.time, 'Asia/Shanghai')} </Text>
					<Text color={theme.accent}>{fit(line.jobId ?? 'scheduler', jobWidth)} </Text>
					<Text color={levelColor[line.level]}>{clip(line.msg, Math.max(10, width - jobWidth - 10))}</Text>
				</Text>
			))}
		</Box>
	);
}
