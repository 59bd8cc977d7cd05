import {describe, expect, it} from 'vitest';
import {jobDetail} from '../../src/host/job-detail.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
const at = (iso: string) => Date.parse(iso);
const nineDaily = 'jobs:\n  - id: morning\n    cron: "0 9 * * *"\n    command: ["true"]\n';
const missedNote = (notes: readonly string[]) => notes.filter(note => note.startsWith('due at'));

describe('the job view\'s "why" speaks only of fires from when the job was in jobs.yaml', () => {
	it('a job first seen at 10:00 did not miss that morning\'s 09:00 fire, nor yesterday\'s the next morning', async () => {
		const t = openScheduler(nineDaily, {now: at('2026-11-20T10:00:00+08:00')});
		t.scheduler.start();
		t.clock.advance(60 * 60_000);
		expect(missedNote(jobDetail(t.scheduler, t.store, 'morning', t.clock.now()).notes)).toEqual([]);
		// Restarted before the next fire, the scheduler still knows when it first saw the job.
		const next = await t.restart(at('2026-11-21T08:30:00+08:00'));
		next.scheduler.start();
		expect(missedNote(jobDetail(next.scheduler, next.store, 'morning', next.clock.now()).notes)).toEqual([]);
	});

	it('a fire the job was owed, passed while the scheduler was down, is still named: by its time today, with its date the next day', async () => {
		const t = openScheduler(nineDaily, {now: at('2026-11-20T08:00:00+08:00')});
		t.scheduler.start();
		const next = await t.restart(at('2026-11-20T10:00:00+08:00'));
		next.scheduler.start();
		expect(missedNote(jobDetail(next.scheduler, next.store, 'morning', next.clock.now()).notes)).toEqual(['due at 09:00 but no run was recorded (the scheduler was down or paused then; catch_up: skip)']);
		const nextDay = await next.restart(at('2026-11-21T08:30:00+08:00'));
		nextDay.scheduler.start();
		expect(missedNote(jobDetail(nextDay.scheduler, nextDay.store, 'morning', nextDay.clock.now()).notes)).toEqual(['due at 11-20 09:00 but no run was recorded (the scheduler was down or paused then; catch_up: skip)']);
	});

	it('a fire before a job\'s start_date is not named, one after it that passed is', async () => {
		const yaml = 'jobs:\n  - id: late\n    cron: "0 9 * * *"\n    start_date: "2026-11-20T09:30:00+08:00"\n    command: ["true"]\n';
		const t = openScheduler(yaml, {now: at('2026-11-19T10:00:00+08:00')});
		t.scheduler.start();
		const next = await t.restart(at('2026-11-20T10:00:00+08:00'));
		next.scheduler.start();
		expect(missedNote(jobDetail(next.scheduler, next.store, 'late', next.clock.now()).notes)).toEqual([]);
		const later = await next.restart(at('2026-11-21T10:00:00+08:00'));
		later.scheduler.start();
		expect(missedNote(jobDetail(later.scheduler, later.store, 'late', later.clock.now()).notes)).toEqual(['due at 09:00 but no run was recorded (the scheduler was down or paused then; catch_up: skip)']);
	});
});

describe('the job view says why a fire left no run', () => {
	it('a fire that came later than the job\'s misfire_grace (the box stood still) is named as such, not as the scheduler down', async () => {
		const yaml = 'jobs:\n  - id: morning\n    cron: "0 9 * * *"\n    misfire_grace: 10m\n    command: ["true"]\n';
		const t = openScheduler(yaml, {now: at('2026-11-20T08:00:00+08:00')});
		t.scheduler.start();
		// The box froze from 08:59 to 10:00: the 09:00 fire comes an hour late.
		t.clock.advance(59 * 60_000);
		t.clock.jump(61 * 60_000);
		expect(t.store.query({jobId: 'morning'})).toEqual([]);
		expect(missedNote(jobDetail(t.scheduler, t.store, 'morning', t.clock.now()).notes)).toEqual(['due at 09:00 but its fire came 1h00m late (the box or its clock stood still), more than its misfire_grace 10m00s: not run']);
		// A reload keeps knowing it.
		t.scheduler.reload(t.scheduler.currentConfig);
		expect(missedNote(jobDetail(t.scheduler, t.store, 'morning', t.clock.now()).notes)).toHaveLength(1);
		expect(missedNote(jobDetail(t.scheduler, t.store, 'morning', t.clock.now()).notes)[0]).toContain('misfire_grace');
	});
});
