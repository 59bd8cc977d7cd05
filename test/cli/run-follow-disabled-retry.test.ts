/**
 * `sage-console run JOB` following a job's retries through the scheduler, whose next attempt a reload
 * drops while it waits for its backoff because jobs.yaml now says `enabled: false`, says the attempt
 * will not run because the job was disabled, as the scheduler's log says it, exiting with the last
 * attempt's failure. It once listed a cancel, a pause, a removed job and a later success, none of which
 * had happened.
 * Built binaries, a real headless scheduler.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const job = (enabled: boolean) => `jobs:\n  - {id: flaky, enabled: ${enabled}, trigger: manual, retries: 1, retry_backoff: 10m, command: ["sh", "-c", "exit 3"]}\n`;

it('says a next attempt dropped by a reload that disables its job will not run, saying it was disabled', async () => {
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
	expect(said).toBe('flaky: attempt 2 will not run (the scheduler dropped it: flaky was disabled (enabled: false) while it waited for its backoff after run 1 (sage-console retry 1 asks for it)); attempt 1 is the last');
}, 90_000);
