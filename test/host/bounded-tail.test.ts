/**
 * A subscription's backlog is the newest lines that fit a few MB: 5,000 lines of 64 KiB (a job's long
 * output lines) would be a 300 MB answer that no client's transport takes (8 MB a line), and a console
 * would try to attach for ever. Short lines all go.
 */
import {expect, it} from 'vitest';
import type {LogLine} from '../../src/core/log-line.js';
import {newestWithin} from '../../src/host/bounded-tail.js';

const lines = (count: number, bytes: number): LogLine[] => Array.from({length: count}, (_, index) => ({time: index, level: 'info', msg: `${index} ${'我'.repeat(bytes / 3)}`, jobId: 'chatty', runId: 1}));

it('keeps the newest long lines that fit, and says older ones were left out', () => {
	const {lines: tail, cut} = newestWithin(lines(5000, 64 * 1024));
	expect(cut).toBe(true);
	expect(tail.at(-1)!.time).toBe(4999);
	expect(tail.length).toBeGreaterThan(30);
	expect(Buffer.byteLength(JSON.stringify(tail))).toBeLessThan(8 * 1024 * 1024);
});

it('keeps every short line', () => {
	const all = lines(5000, 300);
	expect(newestWithin(all)).toEqual({lines: all, cut: false});
});
