import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {scratchDir} from '../helpers/temp-root.js';

/** Two handles on one history file: the scheduler and a one-off `run` in another process. */
function twoProcesses(): [HistoryStore, HistoryStore, () => HistoryStore] {
	const file = path.join(scratchDir(), 'sage.db');
	const open = () => new HistoryStore(openDatabase(file));
	return [open(), open(), open];
}

describe('run numbers for log file names', () => {
	it('hands out what it announced as upcoming, even when another process reserves numbers in between', () => {
		const [scheduler, oneOff] = twoProcesses();
		const announced = scheduler.upcomingRunNumbers('20261123', 30);
		const byOneOff = Array.from({length: 5}, () => oneOff.nextRunNumber('20261123'));
		const more = scheduler.upcomingRunNumbers('20261123', 120);
		expect(more.slice(0, 30)).toEqual(announced);
		const taken = Array.from({length: 120}, () => scheduler.nextRunNumber('20261123'));
		expect(taken).toEqual(more);
		// Never the same number twice, whichever process took it.
		expect(new Set([...taken, ...byOneOff]).size).toBe(125);
		expect(taken.every((number, index) => index === 0 || number > taken[index - 1]!)).toBe(true);
	});

	it('starts each day at 1 and never reuses a number after a restart, even one announced and not used', () => {
		const [scheduler, , reopen] = twoProcesses();
		expect(scheduler.nextRunNumber('20261123')).toBe(1);
		const announced = scheduler.upcomingRunNumbers('20261123', 80);
		const afterRestart = reopen().nextRunNumber('20261123');
		expect(afterRestart).toBeGreaterThan(Math.max(...announced));
		expect(scheduler.nextRunNumber('20261124')).toBe(1);
	});
});
