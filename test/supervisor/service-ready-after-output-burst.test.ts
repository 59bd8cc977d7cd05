/**
 * A service that prints tens of megabytes at its start (a symbol table, a replay of the day's quotes)
 * and then its ready line is up once that line is written, not stopped as not ready. The readiness watch
 * read 256 KiB a poll (every 100 ms), 2.5 MiB a second whatever the disk does: 80 MiB took 32 s to
 * read, so a service ready after a second was stopped at its 20 s ready_timeout, and again at each
 * restart until `fatal`. A real headless scheduler (its real clock), a real process, a real file.
 */
import {describe, expect, it} from 'vitest';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

// 80 MiB of quote lines at once, then the ready line, then it stays up.
const replay = `const {writeSync} = require('node:fs');
const line = '600519.SH 1700.00 1701.50 1699.80 12345 '.padEnd(1023, 'x') + '\\n';
const chunk = line.repeat(1024);
for (let i = 0; i < 80; i++) writeSync(1, chunk);
writeSync(1, 'replayed 81920 quotes\\n');
setInterval(() => {}, 1000);
`;

type Service = StatusService & {runId?: number; lastExit?: {message?: string}};

describe('readiness after a burst of output', () => {
	it('a ready line written after 80 MiB of output makes the service up within its ready_timeout', async () => {
		const root = processes.makeRoot({'replay.cjs': replay});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `services:
  - id: replay
    command: ["${process.execPath}", "${root.dir}/replay.cjs"]
    ready_pattern: "replayed \\\\d+ quotes"
    ready_timeout: 20s
    log_max_size: 1gb
`);
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		const settled = await waitFor(() => {
			const service = statusServices<Service>(root.dir).find(listed => listed.id === 'replay');
			return service && service.state !== 'starting' ? service : undefined;
		}, 60_000, 'replay to leave starting');
		expect([settled.state, settled.runId, settled.lastExit?.message]).toEqual(['up', 1, undefined]);
	}, 90_000);
});
