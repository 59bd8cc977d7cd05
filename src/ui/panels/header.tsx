import {Box, Text} from 'ink';
import {memo} from 'react';
import type {TodayStats} from '../../protocol/snapshot.js';
import type {MarketPhase} from '../../market/market-session.js';
import {zonedDate, zonedClock} from '../../time/zoned-time.js';
import {theme} from '../theme.js';

const phaseText: Record<MarketPhase, string> = {
	'pre-open': 'pre-open',
	'call-auction': 'call auction',
	trading: 'trading',
	'lunch-break': 'lunch break',
	'closing-auction': 'closing auction',
	closed: 'closed',
	holiday: 'holiday',
	weekend: 'weekend',
};

const phaseColor = (phase: MarketPhase) => (phase === 'trading' || phase === 'call-auction' || phase === 'closing-auction' ? theme.good : theme.muted);

export type HeaderProps = {
	now: number;
	phase: MarketPhase;
	jobs: number;
	running: number;
	today: TodayStats;
	loopDelayMs: number;
	warnings: readonly string[];
	width: number;
	/** The pid of the scheduler this console is attached to (none: it runs in this process). */
	attachedTo?: number;
};

/** Where the header's HH:MM:SS starts (0-based), for the in-place clock. */
export function headerClockColumn(width: number): number {
	return width >= 110 ? 'sage-console  '.length + 'YYYY-MM-DD '.length : 0;
}

/** Exchange clock, market state and today's numbers: what a glance at the pane should tell. */
export const Header = memo(function Header({now, phase, jobs, running, today, loopDelayMs, warnings, width, attachedTo}: HeaderProps) {
	const rate = today.runs === 0 ? '—' : `${Math.round((today.succeeded / today.runs) * 100)}%`;
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">
				{width >= 110 && <Text bold color={theme.accent}>sage-console  </Text>}
				<Text>{width >= 110 ? `${zonedDate(now, 'Asia/Shanghai')} ` : ''}{zonedClock(now, 'Asia/Shanghai')}  </Text>
				<Text color={phaseColor(phase)}>◆ {phaseText[phase]}</Text>
				<Text color={theme.muted}> │ </Text>
				<Text>jobs {jobs} · </Text>
				<Text color={running > 0 ? theme.accent : undefined}>running {running}</Text>
				<Text color={theme.muted}> │ </Text>
				<Text>today {today.runs} runs · {rate} ok · </Text>
				<Text color={today.failed > 0 ? theme.bad : undefined} bold={today.failed > 0}>{today.failed} failed</Text>
				<Text color={theme.muted}> │ </Text>
				<Text color={loopDelayMs > 50 ? theme.warn : theme.muted}>lag {Math.round(loopDelayMs)}ms</Text>
				{attachedTo !== undefined && <Text color={theme.accent}> │ attached to pid {attachedTo}</Text>}
			</Text>
			{warnings.map(warning => (
				<Text key={warning} color={theme.warn} wrap="truncate">⚠ {warning}</Text>
			))}
		</Box>
	);
});
