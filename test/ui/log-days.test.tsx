/**
 * The log's day separators: where they go, that they are counted as rows (the panel never shows more
 * than it has, and the line under the cursor is never the one a separator pushed out), and that the
 * keys that move in the log (↑↓, PgUp/PgDn, g, n/N) keep the selected line on screen across them.
 * The console across a real midnight is test/e2e/console-log-days.test.ts.
 */
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {LogLine} from '../../src/core/log-line.js';
import type {RunRecord} from '../../src/core/run-record.js';
import type {KeyContext} from '../../src/ui/keys/key-context.js';
import {findInLog, logToEnd, moveInLog} from '../../src/ui/keys/log-keys.js';
import {LogBuffer, type LineFilter} from '../../src/ui/log-buffer.js';
import {bottomShowing, dayWindow, type DayedLine} from '../../src/ui/log-day-window.js';
import {dayNumberOf} from '../../src/ui/log-days.js';
import {detailLines} from '../../src/ui/overlays/detail-lines.js';
import {LogPanel} from '../../src/ui/panels/log-panel.js';
import type {ConsoleState} from '../../src/ui/state/console-state.js';

const hour = 3_600_000;
/** Friday 4 Dec 2026, 15:00 in Shanghai. */
const fridayAfternoon = Date.parse('2026-12-04T15:00:00+08:00');
const monday = dayNumberOf(Date.parse('2026-12-07T10:00:00+08:00'));

/** Lines at the given hours after Friday 15:00 (Shanghai), job `a` on even ones and `b` on odd ones. */
function tailOf(hours: readonly number[]): LogBuffer {
	const tail = new LogBuffer(100);
	tail.append(hours.map((h, index): LogLine => ({time: fridayAfternoon + (h * hour), level: 'info', msg: `line ${index}`, jobId: index % 2 === 0 ? 'a' : 'b'})));
	return tail;
}

/** The rows a panel draws for these lines: a separator row, then the line. */
const rowsOf = (lines: readonly DayedLine[]) => lines.flatMap(({seq, dayBefore}) => (dayBefore ? [dayBefore, seq] : [seq]));

describe('day separators in the log', () => {
	it('go where the day changes and above a top line of another day than today, never among today\'s lines', () => {
		// Friday 15:00 and 16:00, Saturday 10:00, Monday 09:00 and 09:30
		const tail = tailOf([0, 1, 19, 66, 66.5]);
		expect(rowsOf(dayWindow(tail, 20, undefined, undefined, monday))).toEqual(['── Fri 4 Dec ──', 0, 1, '── Sat 5 Dec ──', 2, '── Mon 7 Dec ──', 3, 4]);
		// Following the newest with room for Monday's lines and a row left: it says Monday starts there
		expect(rowsOf(dayWindow(tail, 3, undefined, undefined, monday))).toEqual(['── Mon 7 Dec ──', 3, 4]);
		// Two rows: today's lines; a row is not left empty for the day's start
		expect(rowsOf(dayWindow(tail, 2, undefined, undefined, monday))).toEqual([3, 4]);
		// Scrolled back to Saturday's line: it is not of today, so it is marked as the top line even on two rows
		expect(rowsOf(dayWindow(tail, 2, 2, undefined, monday))).toEqual(['── Sat 5 Dec ──', 2]);
		// On Saturday (no Monday yet), Saturday's line is today's: only the change from Friday marks it
		const saturday = dayNumberOf(fridayAfternoon + (20 * hour));
		expect(rowsOf(dayWindow(tail, 20, 2, undefined, saturday))).toEqual(['── Fri 4 Dec ──', 0, 1, '── Sat 5 Dec ──', 2]);
		// All of today, nothing else: no separator at all
		expect(rowsOf(dayWindow(tailOf([66, 66.5, 67]), 20, undefined, undefined, monday))).toEqual([0, 1, 2]);
	});

	it('follow the filter: between one job\'s lines only where that job\'s days change', () => {
		const tail = tailOf([0, 20, 66, 67, 68]);
		const onlyA: LineFilter = line => line.jobId === 'a';
		// a: Friday 15:00 (0), Monday 09:00 (2) and 11:00 (4); b: Saturday (1), Monday 10:00 (3)
		expect(rowsOf(dayWindow(tail, 20, undefined, onlyA, monday))).toEqual(['── Fri 4 Dec ──', 0, '── Mon 7 Dec ──', 2, 4]);
		expect(rowsOf(dayWindow(tail, 3, undefined, onlyA, monday))).toEqual(['── Mon 7 Dec ──', 2, 4]);
	});

	it('never take more rows than the panel has; the line a view is made to start at is in it', () => {
		// Lines over five days, some close together, a day with one line
		const hours = [0, 0.5, 1, 8, 19, 19.2, 19.4, 30, 42, 43, 66, 66.1, 66.2, 66.3, 90, 90.5];
		const tail = tailOf(hours);
		const today = dayNumberOf(fridayAfternoon + (91 * hour));
		for (const filter of [undefined, (line: LogLine) => line.jobId === 'a'] as LineFilter[]) {
			for (let rows = 1; rows <= 12; rows++) {
				for (let end = 0; end < hours.length; end++) {
					const shown = dayWindow(tail, rows, end, filter, today);
					expect(rowsOf(shown).length).toBeLessThanOrEqual(Math.max(rows, 1));
					if (!filter || filter(tail.at(end)!)) {
						expect(shown.at(-1)?.seq).toBe(end);
					}
				}

				for (let top = 0; top < hours.length; top++) {
					if (filter && !filter(tail.at(top)!)) {
						continue;
					}

					const bottom = bottomShowing(tail, top, rows, filter, today);
					expect(dayWindow(tail, rows, bottom, filter, today).map(line => line.seq)).toContain(top);
				}
			}
		}
	});

	it('are drawn as dim rows within the panel\'s height, the selected line marked as before', () => {
		const tail = tailOf([0, 1, 19, 66, 66.5]);
		const lines = dayWindow(tail, 5, undefined, undefined, monday);
		const ui = render(<LogPanel lines={lines} scope="all jobs" behind={0} focused selected={3} width={70} height={6}/>);
		const rows = (ui.lastFrame() ?? '').split('\n').slice(1).map(row => row.replaceAll(/\u001B\[[\d;]*m/g, '').trimEnd());
		expect(rows).toEqual([
			' ── Sat 5 Dec ──',
			' 10:00:00 a         line 2',
			' ── Mon 7 Dec ──',
			'›09:00:00 b         line 3',
			' 09:30:00 a         line 4',
		]);
		ui.unmount();
	});
});

/** The log keys on a tail, with the console state they read and write. */
function logKeys(tail: LogBuffer, logRows: number, today: number, filter?: LineFilter) {
	let state = {log: {}, search: ''} as unknown as ConsoleState;
	const context = {
		tail, logFilter: filter, logRows, logToday: today,
		getState: () => state,
		dispatch(action: {type: string; view?: ConsoleState['log']; text?: string}) {
			if (action.type === 'log-view') {
				state = {...state, log: action.view!};
			}
		},
	} as unknown as KeyContext;
	return {
		context,
		search(term: string) {
			state = {...state, search: term};
		},
		/** The selected line and whether the panel shows it, as the panel would draw it now. */
		selection() {
			const shown = dayWindow(tail, logRows, state.log.bottom, filter, today);
			const selected = state.log.selected ?? shown.at(-1)?.seq;
			return {selected, visible: shown.some(line => line.seq === selected), rows: rowsOf(shown).length};
		},
	};
}

describe('moving in a log with day separators', () => {
	const hours = Array.from({length: 60}, (_, index) => index * 2.3);
	const today = dayNumberOf(fridayAfternoon + (140 * hour));

	it('↑ and ↓ walk every line, and the selected one is always on screen', () => {
		for (const logRows of [2, 3, 4, 7]) {
			const keys = logKeys(tailOf(hours), logRows, today);
			const seen: number[] = [];
			for (let step = 0; step < hours.length + 3; step++) {
				const {selected, visible, rows} = keys.selection();
				expect(visible).toBe(true);
				expect(rows).toBeLessThanOrEqual(logRows);
				seen.push(selected!);
				moveInLog(keys.context, -1);
			}

			expect(new Set(seen).size).toBe(hours.length);
			for (let step = 0; step < hours.length; step++) {
				moveInLog(keys.context, 1);
				expect(keys.selection().visible).toBe(true);
			}

			expect(keys.selection().selected).toBe(hours.length - 1);
		}
	});

	it('PgUp/PgDn, g and n/N keep the selected line on screen, and search finds lines, not separators', () => {
		const keys = logKeys(tailOf(hours), 6, today, line => line.jobId === 'a');
		for (let press = 0; press < 12; press++) {
			moveInLog(keys.context, -5, true);
			expect(keys.selection().visible).toBe(true);
		}

		for (let press = 0; press < 12; press++) {
			moveInLog(keys.context, 5, true);
			expect(keys.selection().visible).toBe(true);
		}

		logToEnd(keys.context, 'top');
		expect(keys.selection()).toMatchObject({selected: 0, visible: true});
		keys.search('line 1');
		findInLog(keys.context, 1);
		expect(keys.selection()).toMatchObject({selected: 10, visible: true});
		keys.search('Dec');
		const before = keys.selection().selected;
		findInLog(keys.context, -1);
		findInLog(keys.context, 1);
		expect(keys.selection().selected).toBe(before);
	});
});

describe('a run\'s detail', () => {
	it('marks the day of its log lines where they pass midnight, as rows search skips', () => {
		const started = Date.parse('2026-12-07T23:59:30+08:00');
		const run = {id: 7, jobId: 'night', trigger: 'schedule', attempt: 1, status: 'running', scheduledAt: started, startedAt: started} as RunRecord;
		const log: LogLine[] = [0, 20_000, 40_000].map((after, index) => ({time: started + after, level: 'info', msg: `step ${index}`, jobId: 'night', runId: 7}));
		const lines = detailLines(run, [], log, 80);
		const tailRows = lines.slice(lines.findIndex(line => line.text.startsWith('log, newest')) + 1);
		expect(tailRows.map(line => line.text)).toEqual(['23:59:30 step 0', '23:59:50 step 1', '── Tue 8 Dec ──', '00:00:10 step 2']);
		expect(tailRows.filter(line => line.divider).map(line => line.text)).toEqual(['── Tue 8 Dec ──']);
	});
});
