import {describe, expect, it} from 'vitest';
import {untilNextBeat} from '../../src/ui/hooks/beat.js';

// The console's clock ticks 5 ms past each whole second; log frames fall on quarter-second beats from
// that same instant, so a second's tick and its first frame are drawn together.
describe('frame beats', () => {
	const second = Date.parse('2026-11-23T09:30:00.000+08:00');

	it('fall 5 ms past each quarter second', () => {
		expect(untilNextBeat(250, second + 2)).toBe(3);
		expect(untilNextBeat(250, second + 100)).toBe(155);
		expect(untilNextBeat(250, second + 254)).toBe(1);
		expect(untilNextBeat(250, second + 999)).toBe(6);
	});

	it('never wait for the beat being drawn: from a beat, the next is a whole interval away', () => {
		expect(untilNextBeat(250, second + 5)).toBe(250);
		expect(untilNextBeat(250, second + 255)).toBe(250);
		expect(untilNextBeat(1000, second + 5)).toBe(1000);
	});

	it('always land on a beat, at most one interval away (every fourth beat is the clock\'s tick)', () => {
		for (let now = second; now < second + 3000; now += 37) {
			const beat = now + untilNextBeat(250, now);
			expect(beat % 250).toBe(5);
			expect(beat - now).toBeGreaterThan(0);
			expect(beat - now).toBeLessThanOrEqual(250);
		}
	});
});
