/**
 * Redis's clock as a worker reads it from TIME at each heartbeat: the offset is Redis's time less the
 * middle of the round trip, a reply after a slow round trip (Redis busy, a reconnect) is not used, and
 * the times told before any measurement are this machine's own. Fixed reference times.
 */
import {describe, expect, it} from 'vitest';
import {RedisClock} from '../../src/remote/redis-clock.js';

const sentAt = Date.UTC(2026, 11, 7, 1, 30);
/** TIME's reply for `ms`: seconds and microseconds, as strings. */
const timeReply = (ms: number) => [String(Math.floor(ms / 1000)), String((ms % 1000) * 1000)];

describe('a worker\'s reading of Redis\'s clock', () => {
	it('takes the offset against the middle of the round trip', () => {
		const clock = new RedisClock();
		// Redis two hours ahead, read 40 ms after it was asked.
		expect(clock.note(timeReply(sentAt + 20 + 7_200_000), sentAt, sentAt + 40)).toBe(true);
		expect(clock.offset).toBe(7_200_000);
		expect(clock.on(sentAt)).toBe(sentAt + 7_200_000);
	});

	it('does not use a reply after a round trip over a second, nor one that is not TIME\'s', () => {
		const clock = new RedisClock();
		expect(clock.note(timeReply(sentAt + 7_200_000), sentAt, sentAt + 1500)).toBe(false);
		expect(clock.note(null, sentAt, sentAt + 10)).toBe(false);
		expect(clock.note(['soon', 'later'], sentAt, sentAt + 10)).toBe(false);
		expect(clock.offset).toBe(0);
		expect(clock.on(sentAt)).toBe(sentAt);
	});

	it('keeps the last usable offset when a later reply is not usable', () => {
		const clock = new RedisClock();
		clock.note(timeReply(sentAt - 5000), sentAt, sentAt);
		clock.note(timeReply(sentAt + 9_000_000), sentAt, sentAt + 2000);
		expect(clock.offset).toBe(-5000);
	});
});
