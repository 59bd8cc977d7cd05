/**
 * A service's memory counts a child that left its session with `setsid` and lost its parent: no group
 * or parent link leads to it, but it carries the service run's mark (SAGE_RUN_ID, SAGE_RUN_LOG,
 * SAGE_RUN_DB), so its resident set is the service's, and max_memory restarts the service over it
 * (the restart ends that child too).
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {readProcStat} from '../../src/executors/proc-stat.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {isAlive, processesWith, trackServiceHosts} from '../supervisor/service-host.js';

const startHost = trackServiceHosts();

describe('a service child that left with setsid and lost its parent', () => {
	it('counts in its service\'s memory: over max_memory, the service is restarted and the child ended', async () => {
		// Its command line holds this, to find it; it allocates 96 MiB and keeps it.
		const marker = `hog-${process.pid}-${Date.now() % 100_000}`;
		const root = makeTempRoot({'hog.py': `import sys, time\nb = b'x' * (96 * 1024 * 1024)\nprint('allocated', flush=True)\ntime.sleep(300)\n`});
		onTestFinished(() => {
			for (const pid of processesWith(marker)) {
				process.kill(pid, 'SIGKILL');
			}
		});
		const t = await startHost(`services:
  - id: feed
    command: ["sh", "-c", "(setsid python3 ${root.dir}/hog.py ${marker} &); exec sleep 300"]
    max_memory: 48mb
    stop_timeout: 2s
`, {at: '2026-11-20T10:00:00+08:00', root});
		const up = await t.state('feed', 'up');
		const [escaped] = await waitFor(() => {
			const found = processesWith(marker);
			return found.length === 1 ? found : undefined;
		}, 20_000, 'the child that left with setsid');
		await waitFor(() => readProcStat(escaped!)?.ppid !== up.pid && readProcStat(escaped!)?.sid === escaped, 15_000, 'the child in a session of its own, its parent gone');
		// Over it within min_uptime of its start, as a quick exit: restarted after the backoff.
		await t.state('feed', 'backoff', 30_000);
		t.clock.advance(1000);
		await waitFor(() => t.view('feed').restartsToday >= 1 && t.view('feed').pid !== up.pid, 30_000, 'a restart over max_memory');
		expect(isAlive(escaped!)).toBe(false);
		const runs = await t.runs('feed');
		expect(runs[0]).toMatchObject({status: 'failed', error: {type: 'MemoryLimit'}, result: {stop: 'memory'}});
		expect(t.host.scheduler.tail.newest(100).map(line => line.msg).join('\n')).toMatch(/feed uses \d+ MiB, over its max_memory 48 MiB: restarting it/);
	});
});
