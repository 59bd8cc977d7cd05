/**
 * A worker's log says its clock is off from Redis's once, not at every beat, and again only after the
 * clock came back in step (within half the bound) and went off again: an offset hovering near the
 * bound is not told over and over. The warning as the worker makes it, its log lines collected.
 */
import {describe, expect, it} from 'vitest';
import {ClockOffsetWarning} from '../../src/remote/clock-offset-warning.js';
import type {WorkerLogger} from '../../src/remote/worker-logger.js';

/** The warning, and the messages it logged. */
function warningWithLog(): {warning: ClockOffsetWarning; said: string[]} {
	const said: string[] = [];
	const logger: WorkerLogger = {
		info() {},
		warn(_fields, message) {
			said.push(message);
		},
		error() {},
	};
	return {warning: new ClockOffsetWarning(logger, 'redis://10.0.0.5:6379/0', () => 'gpu1:41'), said};
}

describe('the warning of a worker whose clock is off from Redis\'s', () => {
	it('is said once while the clock stays off, naming how far, which way and which Redis', () => {
		const {warning, said} = warningWithLog();
		for (const offsetMs of [7_200_000, 7_200_010, 7_199_990]) {
			warning.measured(offsetMs);
		}

		expect(said).toEqual(['this machine\'s clock is 7200 s behind Redis\'s at redis://10.0.0.5:6379/0: the starts of runs told to the console are on Redis\'s clock, the times in runs\' log lines on this one; set it right (NTP)']);
	});

	it('is not said again for an offset hovering at the bound, only after the clock was back in step', () => {
		const {warning, said} = warningWithLog();
		// Off (ahead), then just within the bound and off again: still the same trouble.
		for (const offsetMs of [-2500, -1900, -2500]) {
			warning.measured(offsetMs);
		}

		expect(said).toHaveLength(1);
		expect(said[0]).toContain('clock is 3 s ahead of Redis\'s');
		// Back in step (within half the bound), then off again: said again.
		warning.measured(-200);
		warning.measured(-3000);
		expect(said).toHaveLength(2);
	});

	it('says nothing of a clock within the bound', () => {
		const {warning, said} = warningWithLog();
		for (const offsetMs of [0, 1999, -1999, 2000]) {
			warning.measured(offsetMs);
		}

		expect(said).toEqual([]);
	});
});
