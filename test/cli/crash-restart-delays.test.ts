/**
 * The pauses before a console starts its crashed scheduler thread again: 2 s, 10 s, 60 s as systemd's
 * RestartSec grows (the last one repeats). `SAGE_CONSOLE_RESTART_DELAYS_MS` sets them, so the
 * end-to-end crash-loop tests (test/e2e/scheduler-thread-crash.test.ts, scheduler-was-down.test.ts)
 * need not wait 72 s each; a value that is not a list of whole milliseconds leaves the defaults.
 */
import {describe, expect, it} from 'vitest';
import {restartDelaysMs} from '../../src/cli/own-scheduler-threads.js';

describe('the pauses before a crashed scheduler thread is started again', () => {
	it('are 2 s, 10 s and 60 s unless set', () => {
		expect(restartDelaysMs({})).toEqual([2000, 10_000, 60_000]);
	});

	it('are the milliseconds SAGE_CONSOLE_RESTART_DELAYS_MS lists', () => {
		expect(restartDelaysMs({SAGE_CONSOLE_RESTART_DELAYS_MS: '500,1000,1500'})).toEqual([500, 1000, 1500]);
		expect(restartDelaysMs({SAGE_CONSOLE_RESTART_DELAYS_MS: '250'})).toEqual([250]);
	});

	it('are the defaults when the variable is not a list of whole milliseconds', () => {
		for (const text of ['', '2s', '500,', '1.5,2', '-1', 'fast']) {
			expect(restartDelaysMs({SAGE_CONSOLE_RESTART_DELAYS_MS: text})).toEqual([2000, 10_000, 60_000]);
		}
	});
});
