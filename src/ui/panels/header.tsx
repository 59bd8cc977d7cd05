import {memo} from 'react';
import {dayLabel, exchangeTime, marketOutlook} from '../../market/market-outlook.js';
import type {MarketPhase} from '../../market/market-session.js';
import type {TradingCalendar} from '../../market/trading-calendar.js';
import type {TodayStats} from '../../protocol/snapshot.js';
import {zonedClock, zonedDate} from '../../time/zoned-time.js';
import {FixedRows} from '../fixed-rows.js';
import {fitHeader, type HeaderPiece} from './header-fit.js';
import {formatCountdown} from '../relative-time.js';
import {plainRow, rowText} from '../row-text.js';
import {glyphs, theme} from '../theme.js';

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

/**
 * How much of the market a header line has room for: `terse` says "next" for "next trading day";
 * `short` also leaves out the next boundary's clock time; `phase` says the phase alone.
 */
type MarketForm = 'full' | 'terse' | 'short' | 'phase';

/**
 * The market in words, with the next boundary and a countdown: "trading day · opens 09:15 in 1h 15m",
 * "lunch break · resumes 13:00 in 45m", "holiday · next trading day Mon 8 Dec".
 */
export function marketText(now: number, calendar: TradingCalendar, form: MarketForm = 'full'): {text: string; live: boolean} {
	const {phase, tradingDay, next, nextTradingDay} = marketOutlook(now, calendar);
	const live = phase === 'trading' || phase === 'call-auction' || phase === 'closing-auction';
	if (!tradingDay) {
		return {text: form === 'phase' ? phaseText[phase] : `${phaseText[phase]} · next${form === 'full' ? ' trading day' : ''} ${nextTradingDay ? dayLabel(nextTradingDay) : 'unknown'}`, live};
	}

	// Before the call auction the exchange is simply shut for the night: say what the day is.
	const name = phase === 'pre-open' && next?.what === 'opens' ? 'trading day' : phaseText[phase];
	if (!next || form === 'phase') {
		return {text: name, live};
	}

	const today = zonedDate(now, 'Asia/Shanghai') === next.day;
	const when = today ? exchangeTime(next.at) : `${dayLabel(next.day)} ${exchangeTime(next.at)}`;
	return {text: `${name} · ${next.what}${form === 'short' ? '' : ` ${when}`} in ${formatCountdown(next.at - now)}`, live};
}

export type HeaderProps = {
	now: number;
	/** What the market is by; none (no calendar known yet): the market is left out. */
	calendar: TradingCalendar | undefined;
	jobs: number;
	running: number;
	today: TodayStats;
	loopDelayMs: number;
	/** The ⚠ rows under the header line, as warning-rows.ts lays them out for this width. */
	warningRows: readonly string[];
	width: number;
	schedulerPaused?: boolean;
	/** The pid of the scheduler this console is attached to (none: it runs in this process). */
	attachedTo?: number;
	/** Today's failed starts of services (in the Failures panel, not in these figures). @default 0 */
	serviceFailures?: number;
	/**
	 * The scheduler is gone and the console re-attaching: what is running is not known (`running ?`),
	 * today's figures are greyed as last seen, the lag is left out.
	 */
	stale?: boolean;
	/** While stale: the scheduler runs on, it dropped this console for not reading (`re-attaching (dropped by pid N)`). */
	dropped?: boolean;
	/** While stale: the scheduler stopped on purpose (`re-attaching (pid N stopped)`), not a crash. */
	stopped?: boolean;
};

/** Where the header's HH:MM:SS starts (0-based), for the in-place clock. */
export function headerClockColumn(width: number): number {
	return (width >= 140 ? 'sage-console  '.length : 0) + (width >= 110 ? 'YYYY-MM-DD '.length : 0);
}

/** Exchange clock, market state and today's numbers: what a glance at the pane should tell. */
export const Header = memo(function Header({now, calendar, jobs, running, today, loopDelayMs, warningRows, width, schedulerPaused, attachedTo, serviceFailures = 0, stale = false, dropped = false, stopped = false}: HeaderProps) {
	const wide = width >= 110;
	const rate = today.runs === 0 ? '—' : `${Math.round((today.succeeded / today.runs) * 100)}%`;
	const cancelled = today.cancelled ?? 0;
	const market = calendar ? marketText(now, calendar) : undefined;
	const bar: HeaderPiece = {text: ' │ ', style: {color: theme.muted}, bar: true};
	const marketForms = (by: TradingCalendar) => ({terse: `${glyphs.market} ${marketText(now, by, 'terse').text}`, short: `${glyphs.market} ${marketText(now, by, 'short').text}`, phase: `${glyphs.market} ${marketText(now, by, 'phase').text}`});
	const pieces: HeaderPiece[] = [
		// The brand and the date come and go with the width only: the in-place clock's column depends on them.
		...(width >= 140 ? [{text: 'sage-console  ', style: {bold: true, color: theme.accent}}] : []),
		...(wide ? [{text: `${zonedDate(now, 'Asia/Shanghai')} `}] : []),
		{text: `${zonedClock(now, 'Asia/Shanghai')}  `},
		...(market && calendar ? [
			{text: `${glyphs.market} ${market.text}`, part: 'market' as const, forms: marketForms(calendar), style: {color: market.live ? theme.good : theme.accent}},
			bar,
		] : []),
		{text: `jobs ${jobs} · `, part: 'jobs'},
		stale ? {text: 'running ?', part: 'running', style: {color: theme.muted}} : {text: `running ${running}`, part: 'running', style: {color: running > 0 ? theme.accent : undefined}},
		bar,
		// Jobs' runs only, as `status` and /v1/stats count them: a service's failed starts are its restarts
		// (services panel). When some stand in the Failures panel (marked as a service's), the header
		// says its runs are jobs' so its failed count and the panel's read alike.
		{text: `today ${today.runs} ${serviceFailures > 0 ? 'job ' : ''}${today.runs === 1 ? 'run' : 'runs'} · ${rate} ok · `, part: 'runs', ...(stale ? {style: {color: theme.muted}} : {})},
		{text: `${today.failed} failed`, part: 'failed', style: stale ? {color: theme.muted} : {color: today.failed > 0 ? theme.bad : undefined, bold: today.failed > 0}},
		...(cancelled > 0 ? [{text: ` · ${cancelled} cancelled`, part: 'cancelled' as const, style: {color: theme.muted}}] : []),
		...(schedulerPaused && !stale ? [bar, {text: `${glyphs.paused} scheduler paused`, part: 'paused' as const, forms: {terse: `${glyphs.paused} paused`}, style: {color: theme.warn, bold: true}}] : []),
		...(attachedTo === undefined ? [] : [bar, stale
			? {text: `re-attaching (${dropped ? `dropped by pid ${attachedTo}` : `pid ${attachedTo} ${stopped ? 'stopped' : 'gone'}`})`, part: 'scheduler' as const, forms: {short: 're-attaching'}, style: {color: theme.warn}}
			: {text: `attached to pid ${attachedTo}`, part: 'scheduler' as const, forms: {terse: `pid ${attachedTo}`}, style: {color: theme.accent}}]),
		...(stale ? [] : [bar, {text: `lag ${Math.round(loopDelayMs)}ms`, part: 'lag' as const, style: {color: loopDelayMs > 50 ? theme.warn : theme.muted}}]),
	];
	const first = rowText(fitHeader(pieces, width).map(piece => ({text: piece.text, style: piece.style})), width);
	const rows = [first, ...warningRows.map(row => plainRow(row, width, {color: theme.warn}))];
	return <FixedRows rows={rows} width={width}/>;
});
