/**
 * A run left running by a dead scheduler ends when its run log was last written: a whole millisecond,
 * as every other time in history. The file's time has nanoseconds, and the run's finished_at and
 * duration_ms were kept with them (GET /v1/runs/26 answered durationMs 1.9931640625).
 */
import {utimesSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {seedRun} from '../helpers/seed-run.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();

describe('an interrupted run whose run log was written after its start', () => {
	it('ends at its log\'s last write in whole milliseconds', async () => {
		const t = openScheduler('jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n');
		const at = Date.parse('2026-11-20T09:00:00+08:00');
		const log = t.root.write('logs/jobs/20261120_001.log', 'line\n');
		const seconds = (at + 5001.75) / 1000;
		utimesSync(log, seconds, seconds);
		const orphan = seedRun(t.store, {jobId: 'a', trigger: 'manual', status: 'running', scheduledAt: at, startedAt: at, attempt: 1, logPath: log});
		t.scheduler.start();
		const stored = await t.stored(orphan.id);
		expect(stored?.status).toBe('interrupted');
		expect(stored?.error?.message).toContain('last known alive at 2026-11-20 09:00:05 (its run log\'s last write)');
		expect(stored?.finishedAt).toBe(at + 5001);
		expect(stored?.durationMs).toBe(5001);
	});
});
