/**
 * `start|stop|restart` given a heartbeat job's id names it as a heartbeat job and points to `ping`:
 * `start hb` said `hb is a job, not a service: sage-console run hb`, and `run hb` refuses it (an outside
 * process runs it and pings in). A job of another kind keeps its `run` and `cancel` hints. With the
 * built CLI and a headless scheduler.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

describe('a service command given a heartbeat job', () => {
	it('names it as a heartbeat job and points to ping, which then works', async () => {
		const root = processes.makeRoot();
		root.write('config/jobs.yaml', `jobs:
  - {id: tick, trigger: manual, command: ["true"]}
  - {id: hb, heartbeat: true, cron: "0 3 * * *", grace: 1h}
`);
		await schedulerStarted(processes.start(root.dir));
		for (const verb of ['start', 'stop', 'restart']) {
			expect(runCli([verb, 'hb', '--root', root.dir]), verb).toMatchObject({
				code: 1,
				stdout: '',
				stderr: 'sage-console: hb is a heartbeat job, not a service: an outside process runs it and pings in (sage-console ping hb)\n',
			});
		}

		expect(runCli(['ping', 'hb', '--root', root.dir]).code).toBe(0);
		expect(runCli(['start', 'tick', '--root', root.dir]).stderr).toBe('sage-console: tick is a job, not a service: sage-console run tick\n');
	}, 60_000);
});
