/**
 * A missed fire time is caught up (or counted as missed) at the first start after the outage that
 * missed it, not again at every later start: a second restart before the job's next fire time found
 * the same last fire in the database and ran the same catch-up again (a backup twice, a report pushed
 * twice), and said the same fire times were missed once more.
 */
import {describe, expect, it} from 'vitest';
import {trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
const at = (iso: string) => Date.parse(iso);
const clock = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', {timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit'});

/** Starts the scheduler and waits until what its start wrote (catch-ups, skips) is in history. */
async function started(t: TestScheduler): Promise<TestScheduler> {
	t.scheduler.start();
	await t.scheduler.historyWritten();
	return t;
}

/** The scheduler stopped and started again at `now`, as a restart does, once its start is written. */
async function startedAgain(t: TestScheduler, now: number): Promise<TestScheduler> {
	return started(await t.restart(now));
}

describe('a missed fire time, over two restarts before the next fire', () => {
	it('catch_up: once runs the missed 10:00 at the first restart only', async () => {
		// Given a daily 10:00 job with catch_up: once, whose scheduler was down at 10:00
		const yaml = 'jobs:\n  - {id: backup, cron: "0 10 * * *", catch_up: once, command: ["true"]}\n';
		let t: TestScheduler = openScheduler(yaml, {now: at('2026-12-07T09:55:00+08:00')});
		await started(t);
		// When it starts at 10:20 (the catch-up runs) and again at 10:21
		t = await startedAgain(t, at('2026-12-07T10:20:00+08:00'));
		const first = t.store.query({}).filter(run => run.trigger === 'catch-up');
		expect(first.map(run => clock(run.scheduledAt))).toEqual(['10:00']);
		await t.scheduler.whenFinished(first[0]!.id);
		await t.scheduler.historyWritten();
		t = await startedAgain(t, at('2026-12-07T10:21:00+08:00'));
		// Then 10:00 has run once, and the second start says nothing was missed
		expect(t.store.query({}).filter(run => run.trigger === 'catch-up').map(run => clock(run.scheduledAt))).toEqual(['10:00']);
		expect(t.logger.lines.map(line => line.msg).filter(msg => msg.includes('missed while stopped'))).toEqual([]);
	});

	it('catch_up: skip says the missed 10:00 once, at the first restart', async () => {
		const yaml = 'jobs:\n  - {id: report, cron: "0 10 * * *", command: ["true"]}\n';
		let t: TestScheduler = openScheduler(yaml, {now: at('2026-12-07T09:55:00+08:00')});
		await started(t);
		t = await startedAgain(t, at('2026-12-07T10:20:00+08:00'));
		expect(t.logger.lines.map(line => line.msg)).toContain('report: 1 fire time missed while stopped; catch_up skip runs 0');
		t = await startedAgain(t, at('2026-12-07T10:21:00+08:00'));
		expect(t.logger.lines.map(line => line.msg).filter(msg => msg.includes('missed while stopped'))).toEqual([]);
	});
});
