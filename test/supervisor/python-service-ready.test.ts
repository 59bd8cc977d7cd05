/**
 * A Python service (a quote gateway) that prints its ready line with print() and stays up: its output
 * goes to a file, where Python buffers what it prints until 8 KiB or its exit, so the ready line never
 * reached the file and the service was stopped as not ready, start after start. Services run with
 * PYTHONUNBUFFERED=1 as command jobs do, unless the scheduler's environment or the service's env sets it.
 * A real SchedulerHost, Debian's python3, a scheduler environment without the variable (as systemd and cron give).
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();
delete process.env.PYTHONUNBUFFERED;

const gateway = `import time
print("gateway listening on 127.0.0.1:8765")
while True:
    time.sleep(1)
`;

describe('a Python service', () => {
	it('is up once it prints its ready line, with no flush of its own', async () => {
		const root = makeTempRoot({'gateway.py': gateway});
		const t = await startHost(`services:
  - id: gateway
    command: ["/usr/bin/python3", "${root.dir}/gateway.py"]
    ready_pattern: "listening on"
    ready_timeout: 20s
`, {at: '2026-11-20T10:00:00+08:00', root});
		const view = await waitFor(() => {
			const current = t.view('gateway');
			return current.state === 'starting' ? undefined : current;
		}, 30_000, 'gateway to leave starting');
		expect(view.state).toBe('up');
		expect((await t.runs('gateway')).map(run => run.status)).toEqual(['running']);
	}, 45_000);
});
