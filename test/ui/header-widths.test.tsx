/**
 * The header line on terminals from wide to too narrow, on a failing trading day and on a holiday with
 * cancelled runs, attached to a scheduler: what an operator needs most stays longest (the clock, the
 * market's phase, what is running, the failed count, the scheduler's pid, never cut), and the parts go
 * in one order (header-fit.ts), so no width shows a less useful part while a more useful one is gone.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {Header} from '../../src/ui/panels/header.js';
import {renderAt} from './terminal-at.js';

const calendar = createTradingCalendar();

/** Monday 2026-12-07 09:31, the morning session, one run failed and two cancelled. */
const failingDay = {now: Date.parse('2026-12-07T09:31:00+08:00'), today: {day: '2026-12-07', runs: 12, succeeded: 9, failed: 1, cancelled: 2}};
/** National Day, 2026-10-01: a holiday with runs of its own (a backup, a health check). */
const holiday = {now: Date.parse('2026-10-01T10:00:00+08:00'), today: {day: '2026-10-01', runs: 3, succeeded: 0, failed: 1, cancelled: 2}};

function headerLine(day: typeof failingDay, width: number, extra: {paused?: boolean; stale?: boolean} = {}): string {
	const ui = renderAt(<Header now={day.now} calendar={calendar} jobs={10} running={1} today={day.today} loopDelayMs={3} warningRows={[]} attachedTo={1234567} schedulerPaused={extra.paused} stale={extra.stale} width={width}/>, width, 4);
	const line = stripAnsi(ui.lastFrame().split('\n')[0]!).trimEnd();
	ui.unmount();
	return line;
}

/** Each part as the line shows it in full, least needed first (the order it gives way in), and the days it is on. */
const partsLeastNeededFirst: Array<[string, RegExp, Array<typeof failingDay>]> = [
	['the lag', /lag \d+ms/, [failingDay, holiday]],
	['the words "trading day"', /next trading day/, [holiday]],
	['the jobs count', /jobs 10 · /, [failingDay, holiday]],
	['the boundary\'s clock time', /lunch 11:30 in/, [failingDay]],
	['the cancelled count', /2 cancelled/, [failingDay, holiday]],
	['the words "attached to", "scheduler"', /attached to pid|scheduler paused/, [failingDay, holiday]],
	['today\'s runs and rate', /today \d+ runs · \d+% ok/, [failingDay, holiday]],
	['the countdown', /lunch (11:30 )?in|next (trading day )?Thu 8 Oct/, [failingDay, holiday]],
];

describe('the header line at each width', () => {
	it('keeps "today N runs" at 120 columns on a holiday with cancelled runs, saying "next" for "next trading day" first', () => {
		expect(headerLine(holiday, 120)).toBe('2026-10-01 10:00:00  ◆ holiday · next Thu 8 Oct │ running 1 │ today 3 runs · 0% ok · 1 failed │ attached to pid 1234567');
	});

	it('at 80, 100, 120 and 160 columns fits, keeps the clock, running, failed and the whole pid, and gives parts up least needed first', () => {
		for (const [day, paused] of [[failingDay, false], [holiday, false], [failingDay, true], [holiday, true]] as const) {
			for (const width of [80, 100, 120, 160]) {
				const line = headerLine(day, width, {paused});
				const where = `${width} columns on ${day.today.day}${paused ? ', paused' : ''}: ${line}`;
				expect(line.length, where).toBeLessThanOrEqual(width);
				expect(line, where).not.toContain('…');
				expect(line, where).toMatch(/\d\d:\d\d:\d\d {2}◆ (trading|holiday)/);
				expect(line, where).toContain('running 1');
				expect(line, where).toContain('1 failed');
				expect(line, where).toMatch(/pid 1234567$/);
				// A part still shown means every part more needed is shown too.
				const parts = partsLeastNeededFirst.filter(([, , days]) => days.includes(day));
				const firstShown = parts.findIndex(([, pattern]) => pattern.test(line));
				if (firstShown !== -1) {
					const moreNeededGone = parts.slice(firstShown).filter(([, pattern]) => !pattern.test(line));
					expect(moreNeededGone.map(([name]) => name), `${where}: shows ${parts[firstShown]![0]}`).toEqual([]);
				}
			}
		}

		expect(headerLine(failingDay, 160)).toBe('sage-console  2026-12-07 09:31:00  ◆ trading · lunch 11:30 in 1h 59m │ running 1 │ today 12 runs · 75% ok · 1 failed · 2 cancelled │ attached to pid 1234567');
		expect(headerLine(holiday, 100)).toBe('10:00:00  ◆ holiday · next Thu 8 Oct │ running 1 │ today 3 runs · 0% ok · 1 failed │ pid 1234567');
		expect(headerLine(failingDay, 80)).toBe('09:31:00  ◆ trading · lunch in 1h 59m │ running 1 │ 1 failed │ pid 1234567');
		// Re-attaching, the gone scheduler's pid stays longer than today's figures (greyed, as last seen).
		expect(headerLine(holiday, 120, {stale: true})).toBe('2026-10-01 10:00:00  ◆ holiday · next Thu 8 Oct │ running ? │ 1 failed │ re-attaching (pid 1234567 gone)');
		expect(headerLine(holiday, 60, {stale: true})).toBe('10:00:00  ◆ holiday │ running ? │ 1 failed │ re-attaching');
	});

	it('at the minimum width (60) and below it, with the scheduler paused, never cuts the pid: the running count, the market and the failed count go first', () => {
		expect(headerLine(failingDay, 60, {paused: true})).toBe('09:31:00  ◆ trading │ 1 failed │ ⏸ paused │ pid 1234567');
		expect(headerLine(holiday, 60)).toBe('10:00:00  ◆ holiday │ running 1 │ 1 failed │ pid 1234567');
		expect(headerLine(holiday, 50)).toBe('10:00:00  ◆ holiday │ 1 failed │ pid 1234567');
		expect(headerLine(holiday, 40)).toBe('10:00:00  1 failed │ pid 1234567');
		expect(headerLine(failingDay, 30, {paused: true})).toBe('09:31:00  pid 1234567');
	});
});
