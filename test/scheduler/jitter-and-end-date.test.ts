/**
 * APScheduler's `jitter` and `end_date` in the running scheduler (real SQLite history, real command runs;
 * only the clock is the test's): a jittered fire keeps its schedule's time as the run's scheduledAt and
 * starts a random 0..jitter later, never past end_date; past its end_date a job fires no more and shows
 * no next run.
 */
import {describe, expect, it} from 'vitest';
import {trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
const at = (iso: string) => Date.parse(iso);

/** Moves the clock to `until` in 100 ms steps, letting each run that started finish before going on. */
async function runUntil(t: TestScheduler, until: number): Promise<void> {
	while (t.clock.now() < until) {
		const before = t.started.length;
		t.clock.advance(100);
		for (const run of t.started.slice(before)) {
			await t.scheduler.whenFinished(run.id);
		}
	}
}

describe('jitter and end_date in the scheduler', () => {
	it('a jittered fire starts 0..jitter after its fire time, which stays the run\'s scheduledAt in history; the delay never passes end_date', async () => {
		// Given four jobs firing every 10 s with up to 5 s of jitter, ending at 10:00:30.
		const jobs = ['a', 'b', 'c', 'd'].map(id => `  - {id: ${id}, cron: "*/10 * * * * *", end_date: "2026-11-20 10:00:30", jitter: 5, command: ["true"]}`);
		const t = openScheduler(`jobs:\n${jobs.join('\n')}\n`, {now: at('2026-11-20T10:00:00+08:00')});
		t.scheduler.start();
		await runUntil(t, at('2026-11-20T10:01:00+08:00'));

		// Each job fired at 10:00:10, 10:00:20 and 10:00:30 (the end_date, inclusive), and not after.
		const scheduled = (id: string) => t.started.filter(run => run.jobId === id).map(run => new Date(run.scheduledAt).toISOString());
		for (const id of ['a', 'b', 'c', 'd']) {
			expect(scheduled(id)).toEqual(['2026-11-20T02:00:10.000Z', '2026-11-20T02:00:20.000Z', '2026-11-20T02:00:30.000Z']);
		}

		const delays = await Promise.all(t.started.map(async run => {
			const stored = (await t.stored(run.id))!;
			expect(stored.trigger).toBe('schedule');
			expect(stored.scheduledAt).toBe(run.scheduledAt);
			// The start as the scheduler's clock saw it (the executor stamps history with the machine's own clock).
			return {scheduledAt: stored.scheduledAt, delay: run.startedAt! - run.scheduledAt};
		}));
		for (const {scheduledAt, delay} of delays) {
			expect(delay).toBeGreaterThanOrEqual(0);
			// A fire at the end_date itself has no room for a delay (APScheduler: min(fire + jitter, end_date)).
			expect(delay).toBeLessThanOrEqual(scheduledAt === at('2026-11-20T10:00:30+08:00') ? 0 : 5000);
		}

		// The delays are drawn at random: eight uncapped fires do not all start on time, nor all alike.
		const uncapped = delays.filter(({scheduledAt}) => scheduledAt < at('2026-11-20T10:00:30+08:00')).map(({delay}) => delay);
		expect(uncapped).toHaveLength(8);
		expect(new Set(uncapped).size).toBeGreaterThan(1);
		// A delayed start is not a late fire.
		expect(t.logger.lines.filter(line => / late$/.test(line.msg))).toEqual([]);

		// Past its end_date a job has no next run: the console and `status` show it as never firing again.
		for (const job of t.scheduler.snapshot().jobs) {
			expect(job.nextFireAt).toBeUndefined();
			expect(job.neverFires).toBe(true);
		}
	});

	it('an interval job stops at its end_date (inclusive) and shows no next run after it', async () => {
		const t = openScheduler('jobs:\n  - {id: poll, trigger: interval, seconds: 20, start_date: "2026-11-20 10:00:05", end_date: "2026-11-20 10:00:45", command: ["true"]}\n', {now: at('2026-11-20T10:00:00+08:00')});
		t.scheduler.start();
		expect(t.scheduler.snapshot().jobs[0]!.nextFireAt).toBe(at('2026-11-20T10:00:05+08:00'));
		await runUntil(t, at('2026-11-20T10:02:00+08:00'));
		expect(t.started.map(run => [new Date(run.scheduledAt).toISOString(), run.startedAt! - run.scheduledAt])).toEqual([
			['2026-11-20T02:00:05.000Z', 0], ['2026-11-20T02:00:25.000Z', 0], ['2026-11-20T02:00:45.000Z', 0],
		]);
		expect(t.scheduler.snapshot().jobs[0]).toMatchObject({nextFireAt: undefined, neverFires: true});
	});
});
