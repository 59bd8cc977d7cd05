import chalk, {type ForegroundColorName} from 'chalk';
import {Box, Text, Transform} from 'ink';
import {memo} from 'react';
import type {LogLine} from '../../core/log-line.js';
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

type Row = {clock: string; job: string; message: string; color: string | undefined};

const paint = (color: string | undefined, text: string) => (color ? chalk[color as ForegroundColorName](text) : text);

/**
 * The newest log lines of all jobs or one, levels coloured; PgUp/PgDn scroll back.
 *
 * The lines are one plain text, coloured row by row as Ink writes it out: at a hundred lines a second
 * every row is new in every frame, and a text node per cell, or colour codes in the text Ink measures,
 * made this panel most of what the console allocates (see README, Benchmarks).
 */
export const LogPanel = memo(function LogPanel({lines, scope, scroll, focused, width, height}: LogPanelProps) {
	const jobWidth = Math.min(18, Math.max(8, Math.floor(width * 0.16)));
	const messageWidth = Math.max(10, width - jobWidth - 10);
	const right = scroll > 0 ? `${scroll} lines back · PgDn` : 'newest';
	const rows: Row[] = lines.map(line => ({
		clock: zonedClock(line.time, 'Asia/Shanghai'),
		job: fit(line.jobId ?? 'scheduler', jobWidth),
		message: clip(line.msg, messageWidth),
		color: levelColor[line.level],
	}));
	const plain = rows.map(row => `${row.clock} ${row.job} ${row.message}`);
	const colour = (text: string, index: number) => {
		const row = rows[index];
		return row && text === plain[index] ? `${paint(theme.muted, row.clock)} ${paint(theme.accent, row.job)} ${paint(row.color, row.message)}` : text;
	};

	return (
		<Box flexDirection="column" width={width} height={height}>
			<PanelTitle title={`Log · ${scope}`} focused={focused} width={width} right={right}/>
			{lines.length === 0
				? <Text color={theme.muted}>  no log lines yet</Text>
				: <Transform transform={colour}>{plain.join('\n')}</Transform>}
		</Box>
	);
});
