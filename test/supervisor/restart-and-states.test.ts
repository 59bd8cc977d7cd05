import {describe, expect, it} from 'vitest';
import {afterExit, restartDelay, StartTimes} from '../../src/supervisor/restart-policy.js';
import {canMoveService, checkedServiceMove, IllegalServiceTransition, serviceStates} from '../../src/supervisor/service-states.js';

const policy = {restart: 'on-failure', restartDelayMs: 1000, restartDelayMaxMs: 8000, startLimit: 5, startLimitIntervalMs: 600_000} as const;

describe('restart policy', () => {
	it('doubles the delay with each quick exit in a row, up to the cap', () => {
		expect([1, 2, 3, 4, 5, 6, 40].map(exits => restartDelay(policy, exits))).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000]);
	});

	it('restarts on failure only (on-failure), always, or never; past the start limit: fatal', () => {
		expect(afterExit(policy, true, 1, 1)).toEqual({kind: 'restart', delayMs: 1000});
		expect(afterExit(policy, false, 1, 1)).toEqual({kind: 'hold'});
		expect(afterExit({...policy, restart: 'always'}, false, 3, 3)).toEqual({kind: 'restart', delayMs: 4000});
		expect(afterExit({...policy, restart: 'never'}, true, 1, 1)).toEqual({kind: 'hold'});
		expect(afterExit(policy, true, 5, 5)).toEqual({kind: 'fatal', starts: 5, withinMs: 600_000});
	});

	it('counts starts within the interval', () => {
		const starts = new StartTimes();
		for (const at of [0, 1000, 500_000, 650_000]) {
			starts.add(at);
		}

		expect(starts.countSince(650_000 - 600_000)).toBe(2);
		starts.clear();
		expect(starts.countSince(0)).toBe(0);
	});
});

describe('service states', () => {
	it('one table: every state can be left, and illegal moves fail loudly', () => {
		for (const state of serviceStates) {
			expect(serviceStates.some(to => canMoveService(state, to))).toBe(true);
		}

		expect(checkedServiceMove('quotes', 'backoff', 'starting')).toBe('starting');
		expect(() => checkedServiceMove('quotes', 'outside-window', 'up')).toThrow(IllegalServiceTransition);
		expect(() => checkedServiceMove('quotes', 'fatal', 'backoff')).toThrow('service quotes: no move from fatal to backoff (allowed: starting, stopped, outside-window)');
	});
});
