/**
 * Today's figures (the console header's "today N runs · X% ok · F failed") are jobs' runs: a service's
 * crash-restarts, each a failed run of trigger `service` in history, are the service's own figures.
 * Cancelled runs are counted. Read back from a real SQLite history after a restart.
 */
import {describe, expect, it} from 'vitest';
import {seedRun} from '../helpers/seed-run.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
const at = (iso: string) => Date.parse(iso);

describe('today\'s figures after a restart', () => {
	it('count jobs\' runs with the cancelled ones, and leave a service\'s failed starts out', async () => {
		let t = openScheduler('jobs:\n  - {id: ok, trigger: manual, module: jobs/ok.ts}\n', {now: at('2026-11-20T09:00:00+08:00')});
		for (const minute of [1, 2, 3]) {
			seedRun(t.store, {jobId: 'crashy', trigger: 'service', status: 'failed', scheduledAt: at(`2026-11-20T08:0${minute}:00+08:00`), finishedAt: at(`2026-11-20T08:0${minute}:01+08:00`), attempt: minute, error: {type: 'ExitCode', message: 'crashy exited with code 7'}});
		}

		seedRun(t.store, {jobId: 'ok', trigger: 'manual', status: 'cancelled', scheduledAt: at('2026-11-20T08:10:00+08:00'), finishedAt: at('2026-11-20T08:10:01+08:00'), attempt: 1});
		seedRun(t.store, {jobId: 'ok', trigger: 'manual', status: 'success', scheduledAt: at('2026-11-20T08:20:00+08:00'), finishedAt: at('2026-11-20T08:20:01+08:00'), attempt: 1});
		t = await t.restart();
		t.scheduler.start();
		expect(t.scheduler.snapshot().today).toEqual({day: '2026-11-20', runs: 2, succeeded: 1, failed: 0, cancelled: 1});
	});
});
