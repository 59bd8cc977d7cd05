import {memo} from 'react';
import {dayLabel, exchangeTime, marketOutlook} from '../../market/market-outlook.js';
import type {MarketPhase} from '../../market/market-session.js';
import type {TradingCalendar} from '../../market/trading-calendar.js';
import type {TodayStats} from '../../protocol/snapshot.js';
import {zonedClock, zonedDate} from '../../time/zoned-time.js';
import {FixedRows} from '../fixed-rows.js';
import {formatCountdown} from '../relative-time.js';
import {plainRow, rowText} from '../row-text.js';
import {displayWidth} from '../text-fit.js';
import {glyphs, theme, type Style} from '../theme.js';

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

/** How much of the market a header line has room for. */
type MarketForm = 'full' | 'short' | 'tight';

/**
 * The market in words, with the next boundary and a countdown: "trading day · opens 09:15 in 1h 15m",
 * "lunch break · resumes 13:00 in 45m", "holiday · next trading day Mon 8 Dec". `short` leaves out the
 * boundary's clock time; `tight` also says "next Mon 8 Dec" on a day without trading.
 */
export function marketText(now: number, calendar: TradingCalendar, form: MarketForm = 'full'): {text: string; live: boolean} {
	const short = form !== 'full';
	const {phase, tradingDay, next, nextTradingDay} = marketOutlook(now, calendar);
	const live = phase === 'trading' || phase === 'call-auction' || phase === 'closing-auction';
	if (!tradingDay) {
		return {text: `${phaseText[phase]} · next${form === 'tight' ? '' : ' trading day'} ${nextTradingDay ? dayLabel(nextTradingDay) : 'unknown'}`, live};
	}

	// Before the call auction the exchange is simply shut for the night: say what the day is.
	const name = phase === 'pre-open' && next?.what === 'opens' ? 'trading day' : phaseText[phase];
	if (!next) {
		return {text: name, live};
	}

	const today = zonedDate(now, 'Asia/Shanghai') === next.day;
	const when = today ? exchangeTime(next.at) : `${dayLabel(next.day)} ${exchangeTime(next.at)}`;
	return {text: `${name} · ${next.what}${short ? '' : ` ${when}`} in ${formatCountdown(next.at - now)}`, live};
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
};

/** Where the header's HH:MM:SS starts (0-based), for the in-place clock. */
export function headerClockColumn(width: number): number {
	return (width >= 140 ? 'sage-console  '.length : 0) + (width >= 110 ? 'YYYY-MM-DD '.length : 0);
}

/**
 * A piece of the header line. When the line is too long, step by step: `drop: 1` goes, then every
 * piece takes its `short` text, then `drop: 2` goes, then `drop: 3`, then every piece takes its
 * `tightest` text (the attached pid alone: cut, it would tell nothing; the market's next trading
 * day without its words), and last `drop: 4` goes
 * (today's cancelled runs: the least a glance needs).
 */
type Piece = {text: string; short?: string; tightest?: string; style?: Style; drop?: number};

/** Exchange clock, market state and today's numbers: what a glance at the pane should tell. */
export const Header = memo(function Header({now, calendar, jobs, running, today, loopDelayMs, warningRows, width, schedulerPaused, attachedTo, serviceFailures = 0, stale = false}: HeaderProps) {
	const wide = width >= 110;
	const rate = today.runs === 0 ? '—' : `${Math.round((today.succeeded / today.runs) * 100)}%`;
	const cancelled = today.cancelled ?? 0;
	const market = calendar ? marketText(now, calendar) : undefined;
	const bar = ' │ ';
	const separator = (): Piece => ({text: bar, style: {color: theme.muted}});
	const pieces: Piece[] = [
		// The brand and the date come and go with the width only: the in-place clock's column depends on them.
		...(width >= 140 ? [{text: 'sage-console  ', style: {bold: true, color: theme.accent}}] : []),
		...(wide ? [{text: `${zonedDate(now, 'Asia/Shanghai')} `}] : []),
		{text: `${zonedClock(now, 'Asia/Shanghai')}  `},
		...(market && calendar ? [
			{text: `${glyphs.market} ${market.text}`, short: `${glyphs.market} ${marketText(now, calendar, 'short').text}`, tightest: `${glyphs.market} ${marketText(now, calendar, 'tight').text}`, style: {color: market.live ? theme.good : theme.accent}},
			separator(),
		] : []),
		{text: `jobs ${jobs} · `, drop: 2},
		stale ? {text: 'running ?', style: {color: theme.muted}} : {text: `running ${running}`, style: {color: running > 0 ? theme.accent : undefined}},
		separator(),
		// Jobs' runs only, as `status` and /v1/stats count them: a service's failed starts are its restarts
		// (services panel). When some stand in the Failures panel (marked as a service's), the header
		// says its runs are jobs' so its failed count and the panel's read alike.
		{text: `today ${today.runs} ${serviceFailures > 0 ? 'job ' : ''}${today.runs === 1 ? 'run' : 'runs'} · ${rate} ok · `, drop: 3, ...(stale ? {style: {color: theme.muted}} : {})},
		{text: `${today.failed} failed`, style: stale ? {color: theme.muted} : {color: today.failed > 0 ? theme.bad : undefined, bold: today.failed > 0}},
		...(cancelled > 0 ? [{text: ` · ${cancelled} cancelled`, drop: 4, style: {color: theme.muted}}] : []),
		...(schedulerPaused && !stale ? [separator(), {text: `${glyphs.paused} scheduler paused`, style: {color: theme.warn, bold: true}}] : []),
		...(attachedTo === undefined ? [] : [separator(), stale
			? {text: `re-attaching (pid ${attachedTo} gone)`, tightest: 're-attaching', style: {color: theme.warn}}
			: {text: `attached to pid ${attachedTo}`, tightest: `pid ${attachedTo}`, style: {color: theme.accent}}]),
		...(stale ? [] : [separator(), {text: `lag ${Math.round(loopDelayMs)}ms`, style: {color: loopDelayMs > 50 ? theme.warn : theme.muted}, drop: 1}]),
	];
	// Separators left side by side by a dropped piece, or at an end, go too.
	const tidy = (list: Piece[]) => list.filter((piece, index) => piece.text !== bar || (index > 0 && index < list.length - 1 && list[index - 1]!.text !== bar));
	let shown = pieces;
	const tooWide = () => tidy(shown).reduce((sum, piece) => sum + displayWidth(piece.text), 0) > width;
	for (const step of [() => shown.filter(piece => piece.drop !== 1), () => shown.map(piece => ({...piece, text: piece.short ?? piece.text})), () => shown.filter(piece => piece.drop !== 2), () => shown.filter(piece => piece.drop !== 3), () => shown.map(piece => ({...piece, text: piece.tightest ?? piece.text})), () => shown.filter(piece => piece.drop !== 4)]) {
		if (tooWide()) {
			shown = step();
		}
	}

	const first = rowText(tidy(shown).map(piece => ({text: piece.text, style: piece.style})), width);
	const rows = [first, ...warningRows.map(row => plainRow(row, width, {color: theme.warn}))];
	return <FixedRows rows={rows} width={width}/>;
});
