/**
 * `sage-console logs RUN_ID` of a service run with hundreds of thousands of lines (a collector that
 * prints a short line a tick: 400,000 of them are 1.6 MB, well under log_max_size) prints them all,
 * with or without a live scheduler reading them. Gathering a run's lines spread each file's lines as
 * arguments of one push, past what the stack holds: 'RangeError: Maximum call stack size exceeded',
 * and nothing printed. A real headless scheduler, a real service process, the real CLI.
 */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {binary, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

const ticks = `const {writeSync} = require('node:fs');
let out = '';
for (let i = 0; i < 400000; i++) out += 't' + (i % 10) + '\\n';
writeSync(1, out);
writeSync(1, 'ticks done\\n');
setInterval(() => {}, 1000);
`;

/** The CLI's stdout whole (megabytes: more than runCli's buffer holds). */
function logsOf(root: string, runId: number): {code: number | null; lines: string[]; stderr: string} {
	const result = spawnSync(binary, ['logs', String(runId), '--root', root], {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 60_000});
	return {code: result.status, lines: result.stdout.split('\n'), stderr: result.stderr};
}

describe('logs of a service run with many lines', () => {
	it('prints every line of the run', async () => {
		const root = processes.makeRoot({'ticks.cjs': ticks});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `services:
  - id: ticks
    command: ["${process.execPath}", "${root.dir}/ticks.cjs"]
    ready_pattern: "ticks done"
    ready_timeout: 60s
`);
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		const up = await waitFor(() => statusServices<StatusService & {runId?: number}>(root.dir).find(service => service.id === 'ticks' && service.state === 'up'), 60_000, 'ticks up');

		const live = logsOf(root.dir, up.runId!);
		expect([live.code, live.stderr]).toEqual([0, '']);
		expect(live.lines.filter(line => /^t\d$/.test(line))).toHaveLength(400_000);
		expect(live.lines).toContain('ticks done');

		// And read from the files by the CLI itself, with no scheduler running.
		scheduler.child.kill('SIGTERM');
		await scheduler.exited;
		const read = logsOf(root.dir, up.runId!);
		expect([read.code, read.stderr]).toEqual([0, '']);
		expect(read.lines.filter(line => /^t\d$/.test(line))).toHaveLength(400_000);
	}, 120_000);
});
