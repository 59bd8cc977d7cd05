/**
 * Where a console missed log lines (the scheduler dropped it for not reading, and its re-attach backlog
 * did not reach back to the lines it held), the log panel shows one dim separator row saying so, between
 * the last line it had and the first it got again, and counts it as a row like a day's separator.
 */
import {expect, it} from 'vitest';
import type {LogLine} from '../../src/core/log-line.js';
import {LogBuffer} from '../../src/ui/log-buffer.js';
import {bottomShowing, dayWindow} from '../../src/ui/log-day-window.js';
import {dayNumberOf} from '../../src/ui/log-days.js';

/** Fri 4 Dec 2026, 11:00 in Shanghai. */
const friday = Date.UTC(2026, 11, 4, 3);
const lines = (from: number, count: number, name: string): LogLine[] => Array.from({length: count}, (_, index) => ({time: from + index, level: 'info', msg: `${name} ${index}`}));
const shown = (rows: ReturnType<typeof dayWindow>) => rows.map(row => (row.dayBefore ? `${row.dayBefore}\n${row.line.msg}` : row.line.msg)).join('\n').split('\n');

it('puts one marker row between the lines held before the gap and those after it, and none elsewhere', () => {
	const tail = new LogBuffer(20);
	tail.append(lines(friday, 8, 'before'));
	tail.markMissed();
	tail.append(lines(friday + 60_000, 8, 'after'));
	const today = dayNumberOf(friday);

	expect(shown(dayWindow(tail, 6, undefined, undefined, today))).toEqual(['after 2', 'after 3', 'after 4', 'after 5', 'after 6', 'after 7']);
	expect(shown(dayWindow(tail, 6, 9, undefined, today))).toEqual(['before 5', 'before 6', 'before 7', '── lines missed while this console was not reading ──', 'after 0', 'after 1']);
	// Scrolled so that the first line after the gap is the top one: the marker is above it.
	expect(bottomShowing(tail, 8, 6, undefined, today)).toBe(12);
	expect(shown(dayWindow(tail, 6, 12, undefined, today))).toEqual(['── lines missed while this console was not reading ──', 'after 0', 'after 1', 'after 2', 'after 3', 'after 4']);
	// A filter that hides the first line after the gap: the marker goes above the next one shown.
	expect(shown(dayWindow(tail, 6, 10, line => line.msg !== 'after 0', today))).toEqual(['before 5', 'before 6', 'before 7', '── lines missed while this console was not reading ──', 'after 1', 'after 2']);
});

it('says the day as well when the lines after the gap are of another day', () => {
	const tail = new LogBuffer(20);
	tail.append(lines(friday, 4, 'friday'));
	tail.markMissed();
	const monday = friday + (3 * 24 * 3_600_000);
	tail.append(lines(monday, 4, 'monday'));
	expect(shown(dayWindow(tail, 8, undefined, undefined, dayNumberOf(monday)))).toEqual([
		'── Fri 4 Dec ──', 'friday 2', 'friday 3', '── lines missed while this console was not reading · Mon 7 Dec ──', 'monday 0', 'monday 1', 'monday 2', 'monday 3',
	]);
});

it('forgets the marker once the lines after it leave the ring', () => {
	const tail = new LogBuffer(6);
	tail.append(lines(friday, 3, 'before'));
	tail.markMissed();
	tail.append(lines(friday + 60_000, 9, 'after'));
	expect(shown(dayWindow(tail, 8, undefined, undefined, dayNumberOf(friday)))).toEqual(['after 3', 'after 4', 'after 5', 'after 6', 'after 7', 'after 8']);
});
