/**
 * A service that prints a burst of output at its start (a symbol table, bigger than log_max_size) and
 * then its ready line: the output rotates while the readiness watch, which reads a chunk at a time, is
 * still behind the burst. The ready line went with the copy into `.1`; the watch started again at the
 * emptied file's start, never saw it, and the service was stopped as not ready. A real SchedulerHost, a
 * real process, real copy-then-truncate rotation.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

// 12 MiB of quote lines at once, then the ready line, then it stays up.
const collector = `const {writeSync} = require('node:fs');
const line = '600519.SH 贵州茅台 1700.00 1701.50 1699.80 成交 12345\\n';
const chunk = line.repeat(Math.ceil(1_048_576 / Buffer.byteLength(line)));
for (let i = 0; i < 12; i++) writeSync(1, chunk);
writeSync(1, 'subscribed 4521 symbols\\n');
setInterval(() => {}, 1000);
`;

describe('readiness across a rotation of the output', () => {
	it('a ready line written just before its output rotated still makes the service up', async () => {
		const root = makeTempRoot({'collector.cjs': collector});
		const t = await startHost(`services:
  - id: quote_collector
    command: ["${process.execPath}", "${root.dir}/collector.cjs"]
    ready_pattern: "subscribed \\\\d+ symbols"
    ready_timeout: 20s
    log_max_size: 1mb
    log_keep: 2
`, {at: '2026-11-20T10:00:00+08:00', root});
		const log = path.join(root.dir, 'logs/services/quote_collector.log');
		await waitFor(() => existsSync(`${log}.1`), 20_000, 'the rotation');
		const view = await waitFor(() => {
			const current = t.view('quote_collector');
			return current.state === 'starting' ? undefined : current;
		}, 30_000, 'quote_collector to leave starting');
		expect(view.state).toBe('up');
		const runs = await t.runs('quote_collector');
		expect(runs.map(run => run.status)).toEqual(['running']);
	}, 45_000);
});
