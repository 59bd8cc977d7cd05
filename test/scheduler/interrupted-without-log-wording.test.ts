/**
 * A run left running by a dead scheduler whose run log says nothing later than its start is closed as
 * interrupted with one pair of brackets: `last known alive at … (its start; its run log has no later
 * write)`. It read `(its start (its run log has no later write))`.
 */
import {describe, expect, it} from 'vitest';
import {seedRun} from '../helpers/seed-run.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();

describe('an interrupted run with no run log', () => {
	it('says it was last known alive at its start, in one bracket', async () => {
		const t = openScheduler('jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n');
		const at = Date.parse('2026-11-20T09:00:00+08:00');
		const orphan = seedRun(t.store, {jobId: 'a', trigger: 'manual', status: 'running', scheduledAt: at, startedAt: at, attempt: 1});
		t.scheduler.start();
		const stored = await t.stored(orphan.id);
		expect(stored?.status).toBe('interrupted');
		expect(stored?.error?.message).toMatch(/last known alive at 2026-11-20 09:00:00 \(its start; its run log has no later write\)/);
		expect(stored?.error?.message).not.toMatch(/\([^)]*\(/);
	});
});
