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

/**
 * The market in words, with the next boundary and a countdown: "trading day · opens 09:15 in 1h 15m",
 * "lunch break · resumes 13:00 in 45m", "holiday · next trading day Mon 8 Dec". `short` leaves out the
 * boundary's clock time.
 */
export function marketText(now: number, calendar: TradingCalendar, short = false): {text: string; live: boolean} {
	const {phase, tradingDay, next, nextTradingDay} = marketOutlook(now, calendar);
	const live = phase === 'trading' || phase === 'call-auction' || phase === 'closing-auction';
	if (!tradingDay) {
		return {text: `${phaseText[phase]} · next trading day ${nextTradingDay ? dayLabel(nextTradingDay) : 'unknown'}`, live};
	}

	// Before the call auction the exchange is simply shut for the night: say what the day is.
	const name = phase === 'pre-open' && next?.what === 'opens' ? 'trading day' : phaseText[phase];
	if (!next) {
		return {text: name, live};
	}

	const today = zonedDate(now, 'Asia/Shanghai') === next.day;
	const when = today ? exchangeTime(next.at) : `${dayLabel(next.day)} ${exchangeTime(next.at)}`;
	return {text: `${name} · ${next.what}${short && today ? '' : ` ${when}`} in ${formatCountdown(next.at - now)}`, live};
}

export type HeaderProps = {
	now: number;
	calendar: TradingCalendar;
	jobs: number;
	running: number;
	today: TodayStats;
	loopDelayMs: number;
	warnings: readonly string[];
	width: number;
	schedulerPaused?: boolean;
	/** The pid of the scheduler this console is attached to (none: it runs in this process). */
	attachedTo?: number;
};

/** Where the header's HH:MM:SS starts (0-based), for the in-place clock. */
export function headerClockColumn(width: number): number {
	return width >= 110 ? 'sage-console  '.length + 'YYYY-MM-DD '.length : 0;
}

type Piece = {text: string; style?: Style; keep?: boolean};

/** Exchange clock, market state and today's numbers: what a glance at the pane should tell. */
export const Header = memo(function Header({now, calendar, jobs, running, today, loopDelayMs, warnings, width, schedulerPaused, attachedTo}: HeaderProps) {
	const wide = width >= 110;
	const rate = today.runs === 0 ? '—' : `${Math.round((today.succeeded / today.runs) * 100)}%`;
	const market = marketText(now, calendar, width < 96);
	const bar = ' │ ';
	const separator = (): Piece => ({text: bar, style: {color: theme.muted}, keep: true});
	const pieces: Piece[] = [
		...(wide ? [{text: 'sage-console  ', style: {bold: true, color: theme.accent}}, {text: `${zonedDate(now, 'Asia/Shanghai')} `}] : []),
		{text: `${zonedClock(now, 'Asia/Shanghai')}  `, keep: true},
		{text: `${glyphs.market} ${market.text}`, style: {color: market.live ? theme.good : theme.accent}, keep: true},
		separator(),
		{text: `jobs ${jobs} · `},
		{text: `running ${running}`, style: {color: running > 0 ? theme.accent : undefined}, keep: true},
		separator(),
		{text: wide ? `today ${today.runs} runs · ${rate} ok · ` : `today ${today.runs} · `},
		{text: `${today.failed} failed`, style: {color: today.failed > 0 ? theme.bad : undefined, bold: today.failed > 0}, keep: true},
		...(schedulerPaused ? [separator(), {text: `${glyphs.paused} scheduler paused`, style: {color: theme.warn, bold: true}, keep: true}] : []),
		...(attachedTo === undefined ? [] : [separator(), {text: `attached to pid ${attachedTo}`, style: {color: theme.accent}, keep: true}]),
		separator(),
		{text: `lag ${Math.round(loopDelayMs)}ms`, style: {color: loopDelayMs > 50 ? theme.warn : theme.muted}},
	];
	// Too wide: drop what is not kept, from the right, until the line fits.
	let shown = pieces;
	for (let index = pieces.length - 1; index >= 0 && shown.reduce((sum, piece) => sum + displayWidth(piece.text), 0) > width; index--) {
		if (!pieces[index]!.keep) {
			shown = shown.filter(piece => piece !== pieces[index]);
		}
	}

	// Separators left side by side by a dropped piece, or at an end, go too.
	const tidy = shown.filter((piece, index) => piece.text !== bar || (index > 0 && index < shown.length - 1 && shown[index - 1]!.text !== bar));
	const first = rowText(tidy.map(piece => ({text: piece.text, style: piece.style})), width);
	const rows = [first, ...warnings.map(warning => plainRow(`${glyphs.warning} ${warning}`, width, {color: theme.warn}))];
	return <FixedRows rows={rows} width={width}/>;
});
