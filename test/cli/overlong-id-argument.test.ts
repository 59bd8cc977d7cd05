/**
 * A job or service id on the command line past the longest one jobs.yaml takes (200 characters) is
 * refused as no such job or service with the id cut, not echoed whole: `run` of a pasted 100 KB blob
 * printed it all back in `no job "…"; known: …`. With no scheduler the live commands still say that
 * none runs (exit 4). The built CLI, with and without a headless scheduler.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();
const blob = 'x'.repeat(100_000);
const refusal = `sage-console: no job or service "${'x'.repeat(40)}…" (100000 characters): an id has at most 200\n`;

describe('an id past 200 characters', () => {
	it('is refused, cut, by run with no scheduler and by every id command beside one', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, trigger: manual, command: ["true"]}\n'});
		expect(runCli(['run', blob, '--root', root.dir])).toMatchObject({code: 1, stdout: '', stderr: refusal});
		expect(runCli(['pause', blob, '--root', root.dir]).code).toBe(4);

		await schedulerStarted(processes.start(root.dir));
		for (const command of ['run', 'pause', 'resume', 'start', 'stop', 'restart', 'ping']) {
			expect(runCli([command, blob, '--root', root.dir]), command).toMatchObject({code: 1, stdout: '', stderr: refusal});
		}

		expect(runCli(['run', 'tick', '--root', root.dir]).code).toBe(0);
	}, 60_000);
});
