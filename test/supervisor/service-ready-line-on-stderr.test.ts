/**
 * A service whose ready line goes to stderr (Python's logging writes there by default) is stopped as
 * not ready, as ready_pattern reads stdout alone; the stop says that its stderr has a line that
 * matches, and what to change. It said only 'no line matching ready_pattern', and the operator read a
 * log where the line plainly was. A real SchedulerHost with a fixed clock, a real Python process.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

const collector = `import logging, time
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
logging.info("subscribed 4521 symbols")
while True:
    time.sleep(0.2)
`;

describe('a ready line written to stderr', () => {
	it('is named by the not-ready stop', async () => {
		const root = makeTempRoot({'collector.py': collector});
		const t = await startHost(`services:
  - id: collector
    command: ["python3", "${root.dir}/collector.py"]
    ready_pattern: "subscribed \\\\d+ symbols"
    ready_timeout: 30s
    restart: never
`, {at: '2026-11-20T10:00:00+08:00', root});
		await t.state('collector', 'starting');
		// Its ready line is in its stderr file before the timeout comes.
		await waitFor(() => readFileSync(path.join(root.dir, 'logs/services/collector.err.log'), 'utf8').includes('subscribed 4521 symbols'), 20_000, 'the line on stderr');
		t.clock.advance(30_000);
		await t.state('collector', 'stopped');
		const hint = '; its stderr has a line that matches ("INFO subscribed 4521 symbols"), but ready_pattern reads stdout only: write the ready line to stdout (Python\'s logging writes to stderr by default)';
		const [run] = await t.runs('collector');
		expect(run!.error?.message).toBe(`collector did not become ready (no line matching ready_pattern) in time and was stopped${hint}`);
		const said = t.host.scheduler.tail.newest(200, 0, () => true).map(line => line.msg).filter(msg => msg.startsWith('collector wrote no line'));
		expect(said).toEqual([`collector wrote no line matching ready_pattern within 30 s: stopping it${hint}`]);
	}, 60_000);
});
