/**
 * The header's notice about a scheduler that died, for the gaps an operator meets: a box that came back
 * the next morning (the last alive moment carries its day), across New Year (its year too), and a
 * console's thread that crashed more than once (how many times, in brief).
 */
import {describe, expect, it} from 'vitest';
import {schedulerDownNotice} from '../../src/host/scheduler-down-notice.js';

const zone = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('the header notice of a scheduler that was down', () => {
	it('gives the last alive moment its clock on the start\'s day, the day on another, the year in another year', () => {
		const started = at('2026-12-08T08:59:30+08:00');
		const life = {pid: 1678, host: 'box', startedAt: at('2026-12-07T08:00:00+08:00')};
		expect(schedulerDownNotice({...life, aliveAt: at('2026-12-08T08:59:01+08:00')}, started, 0, zone, 10))
			.toBe('sage-console was down up to 29s: pid 1678, last alive 08:59:01, no clean stop (kill -9, out of memory, crash, power cut); 0 runs interrupted');
		expect(schedulerDownNotice({...life, aliveAt: at('2026-12-07T23:58:00+08:00')}, started, 1, zone, 10))
			.toBe('sage-console was down up to 9h01m: pid 1678, last alive 12-07 23:58:00, no clean stop (kill -9, out of memory, crash, power cut); 1 run interrupted');
		expect(schedulerDownNotice({...life, aliveAt: at('2026-12-31T23:59:00+08:00')}, at('2027-01-01T00:10:00+08:00'), 2, zone, 10))
			.toBe('sage-console was down up to 11m00s: pid 1678, last alive 2026-12-31 23:59:00, no clean stop (kill -9, out of memory, crash, power cut); 2 runs interrupted');
	});

	it('counts a service run closed interrupted beside the job runs, so the number is true to the run named before it', () => {
		const life = {pid: 1678, host: 'box', startedAt: at('2026-12-07T08:00:00+08:00'), aliveAt: at('2026-12-08T08:59:01+08:00')};
		expect(schedulerDownNotice(life, at('2026-12-08T08:59:30+08:00'), {jobs: 0, services: 1}, zone, 10))
			.toBe('sage-console was down up to 29s: pid 1678, last alive 08:59:01, no clean stop (kill -9, out of memory, crash, power cut); 0 job runs, 1 service run interrupted');
		expect(schedulerDownNotice(life, at('2026-12-08T08:59:30+08:00'), {jobs: 2, services: 0}, zone, 10))
			.toMatch(/; 2 runs interrupted$/);
	});

	it('names a crash and how often it came', () => {
		const life = {pid: 42, host: 'box', startedAt: at('2026-12-07T10:00:00+08:00'), aliveAt: at('2026-12-07T10:00:05+08:00')};
		expect(schedulerDownNotice({...life, crash: 'TypeError: boom', crashes: 3}, at('2026-12-07T10:00:07+08:00'), 0, zone, 10))
			.toBe('sage-console was down up to 2.0s: pid 42, last alive 10:00:05, crashed: TypeError: boom (3 times in 10 min); 0 runs interrupted');
	});
});
