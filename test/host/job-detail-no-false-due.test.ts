/**
 * The job view's "why" (console, GET /v1/jobs/ID's notes) names a due time that left no run only where a
 * run was owed. An interval job counts from when the scheduler first saw it and first fires one interval
 * later, and nothing runs for a heartbeat job: the view said 'due at 10:00 but no run was recorded (the
 * scheduler was down or paused then …)' of both, from the first minutes of a scheduler that never stopped.
 */
import {describe, expect, it} from 'vitest';
import {jobDetail} from '../../src/host/job-detail.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
const at = (iso: string) => Date.parse(iso);
const missedNote = (notes: readonly string[]) => notes.filter(note => note.startsWith('due at'));

describe('the job view names no due time where no run was owed', () => {
	it('an interval job first seen at 10:00 did not miss a fire at 10:00; after a restart past its fire it did', async () => {
		const yaml = 'jobs:\n  - id: every4h\n    trigger: interval\n    hours: 4\n    command: ["true"]\n';
		const t = openScheduler(yaml, {now: at('2026-11-20T10:00:00+08:00')});
		t.scheduler.start();
		t.clock.advance(2 * 60 * 60_000);
		expect(missedNote(jobDetail(t.scheduler, t.store, 'every4h', t.clock.now()).notes)).toEqual([]);
		// Down over its 14:00 fire: that one it was owed.
		const next = await t.restart(at('2026-11-20T15:00:00+08:00'));
		next.scheduler.start();
		expect(missedNote(jobDetail(next.scheduler, next.store, 'every4h', next.clock.now()).notes)).toEqual(['due at 14:00 but no run was recorded (the scheduler was down or paused then; catch_up: skip)']);
	});

	it('a heartbeat job is owed no run', () => {
		const yaml = 'jobs:\n  - id: py_export\n    cron: "0 18 * * 1-5"\n    heartbeat: true\n    grace: 30m\n';
		const t = openScheduler(yaml, {now: at('2026-11-20T20:00:00+08:00')});
		t.scheduler.start();
		t.clock.advance(5 * 60_000);
		expect(missedNote(jobDetail(t.scheduler, t.store, 'py_export', t.clock.now()).notes)).toEqual([]);
	});
});
