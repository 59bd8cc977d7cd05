/**
 * `sage-console run JOB` following a job's retries through the scheduler, whose next attempt a reload
 * drops while it waits for its backoff because jobs.yaml now says `enabled: false`, says the attempt
 * will not run and names the disable among the reasons, exiting with the last attempt's failure. Its
 * list named a cancel, a pause, a removed job and a later success, none of which had happened.
 * Built binaries, a real headless scheduler.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const job = (enabled: boolean) => `jobs:\n  - {id: flaky, enabled: ${enabled}, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}\n`;

it('says a next attempt dropped by a reload that disables its job will not run, naming the disable', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': job(true)});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const follower = startCli(['run', 'flaky', '--root', root.dir]);
	processes.track(follower);
	await waitFor(() => follower.output().stdout.includes('flaky: attempt 1 failed'), 30_000, 'the first attempt to fail');

	writeFileSync(path.join(root.dir, 'config/jobs.yaml'), job(false));
	expect(runCli(['reload', '--root', root.dir]).code).toBe(0);
	await waitFor(() => headless.output().stdout.includes('flaky: attempt 2 not run: flaky was disabled (enabled: false)'), 30_000, 'the scheduler to drop attempt 2');
	expect(await follower.exited).toBe(1);
	const said = follower.output().stdout.split('\n').find(line => line.startsWith('flaky: attempt 2 will not run ('));
	expect(said).toMatch(/^flaky: attempt 2 will not run \(the scheduler dropped it: .*, the job disabled by a reload \(enabled: false\), .*\); attempt 1 is the last$/);
}, 90_000);
