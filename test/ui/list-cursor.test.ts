import {describe, expect, it} from 'vitest';
import {consoleReducer, initialConsoleState, type ConsoleState} from '../../src/ui/state/console-state.js';
import {cursorAt} from '../../src/ui/state/list-cursor.js';

/** The running panel's runs as run ids, newest last, as the console lists them. */
const moved = (state: ConsoleState, keys: number[], delta: number) => consoleReducer(state, {type: 'move', list: 'running', delta, keys});
const followed = (state: ConsoleState, keys: number[]) => consoleReducer(state, {type: 'follow', lists: {running: keys}});

describe('a list\'s cursor holds on to its row', () => {
	it('stays on the picked run as runs start above it and end around it', () => {
		const onRun12 = moved(initialConsoleState, [11, 12, 13], 1);
		expect(cursorAt(onRun12, 'running', [10, 11, 12, 13])).toBe(2);
		const afterStart = followed(onRun12, [10, 11, 12, 13]);
		expect(afterStart.cursor.running).toBe(2);
		expect(cursorAt(afterStart, 'running', [12, 13])).toBe(0);
		// One row down from run 12 is run 13, wherever run 12 now stands.
		expect(cursorAt(moved(afterStart, [12, 13], 1), 'running', [12, 13])).toBe(1);
	});

	it('goes to the row that took its place when the picked run leaves, or to the last row', () => {
		const onRun12 = followed(moved(initialConsoleState, [11, 12, 13], 1), [11, 12, 13]);
		const ended = followed(onRun12, [11, 13]);
		expect(ended.picked.running).toBe(13);
		expect(followed(onRun12, [11]).picked.running).toBe(11);
		expect(followed(onRun12, []).cursor.running).toBe(0);
	});

	it('a new filter starts the jobs list from its top', () => {
		const onB = consoleReducer(initialConsoleState, {type: 'move', list: 'jobs', delta: 1, keys: ['a', 'b']});
		const filtered = consoleReducer(onB, {type: 'set-filter', text: 'x'});
		expect(cursorAt(filtered, 'jobs', ['c', 'b'])).toBe(0);
	});
});
