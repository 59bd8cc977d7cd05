/**
 * A service over its max_memory as soon as it starts is a crash loop, and ends as one: each quick stop
 * over it waits out the backoff, and past the start limit the service is `fatal`, said in the log.
 * It was restarted at once, every second or so, for ever (14 restarts in 12 s, never fatal). A real
 * SchedulerHost with a fixed clock and a real process over the limit (its memory sampled for real).
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a service over max_memory as soon as it starts', () => {
	it('backs off, then is fatal past the start limit', async () => {
		const root = makeTempRoot({});
		const t = await startHost(`services:
  - id: hog
    command: ["python3", "-c", "import time; b = b'x' * (96 * 1024 * 1024); time.sleep(100000)"]
    max_memory: 48mb
    restart_delay: 2s
    start_limit: 2
`, {at: '2026-11-20T10:00:00+08:00', root});
		// Given its first start went over the limit: it waits out the backoff, not restarted at once.
		const backoff = await t.state('hog', 'backoff', 30_000);
		expect(backoff.nextStartAt).toBe(t.clock.now() + 2000);
		expect(t.host.scheduler.tail.newest(100, 0, () => true).map(line => line.msg)).toContain('hog restarts in 2.0 s (1st quick stop over max_memory in a row)');

		// When its second start goes over it too, it is fatal: 2 starts within the start limit's interval.
		t.clock.advance(2000);
		const fatal = await t.state('hog', 'fatal', 30_000);
		expect(fatal.note).toBe('2 starts within 10 min (start_limit): held until a manual start');
		const runs = await t.runs('hog');
		expect(runs.map(run => [run.status, run.error?.type])).toEqual([['failed', 'MemoryLimit'], ['failed', 'MemoryLimit']]);
		expect(runs[1]).toMatchObject({attempt: 2, message: 'restart over max_memory (backoff 2.0 s)'});
		// The last one was not restarted: its run, the log and the alert say it went fatal, not "was restarted", nor "exited".
		expect(runs.map(run => run.error?.message)).toEqual(['hog went over its max_memory 48 MiB and was stopped', 'hog went over its max_memory 48 MiB and was stopped']);
		expect(t.host.scheduler.tail.newest(100, 0, () => true).map(line => line.msg)).toContain('hog is fatal: it went over its max_memory 48 MiB 2 times within 10 min (start_limit 2); not restarted until a manual start');
	}, 60_000);
});
