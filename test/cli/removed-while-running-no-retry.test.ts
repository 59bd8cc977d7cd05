/**
 * A job removed from jobs.yaml by a reload while one of its runs is still going, when that run then
 * fails: as for a job disabled meanwhile, no next attempt is armed (it could never run: its job is
 * gone), the log says so, and the failure is final, so its alert goes out. Before, the attempt was
 * armed and kept in the database for a job no longer there, `show` promised it, and once its backoff
 * passed it was refused (`no job "sync"`): the failure, held back for it, never reached the phone.
 * Built binaries, a real headless scheduler, a real SQLite file, a local WeCom robot.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {waitingRetryRows} from '../helpers/waiting-retry-rows.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);

/** Run 1 waits for the file go-1 and then fails. */
const sync = `  - id: sync
    trigger: manual
    retries: 1
    retry_backoff: 10m
    command: ["sh", "-c", "while [ ! -f go-{run_id} ]; do sleep 0.1; done; exit 3"]
`;
const other = '  - {id: other, trigger: manual, command: ["true"]}\n';

type Row = {id: number; status: string};

it('a run that fails after a reload removed its job gets no next attempt, and its failure is alerted', async () => {
	const {root, robot} = await alertRoot(`jobs:\n${sync}${other}`);
	const cli = (...args: string[]) => runCli([...args, '--root', root]);
	const statusOf = (runId: number) => (JSON.parse(cli('history', '--json').stdout) as Row[]).find(row => row.id === runId)?.status;
	const headless = processes.start(root);
	await schedulerStarted(headless);
	const log = () => headless.output().stdout;

	// Given: run 1 of sync going; when: a reload removes sync, then run 1 fails.
	expect(cli('run', 'sync', '--detach').stdout.trim()).toBe('1');
	await waitFor(() => statusOf(1) === 'running', 30_000, 'run 1 to start');
	writeFileSync(path.join(root, 'config/jobs.yaml'), `jobs:\n${other}`);
	expect(cli('reload').code).toBe(0);
	writeFileSync(path.join(root, 'go-1'), '');
	await waitFor(() => statusOf(1) === 'failed', 30_000, 'run 1 to fail');

	// Then: the log says no attempt 2 comes and why; none is kept; and the failure is alerted.
	await waitFor(() => log().includes('sync: attempt 2 of 2 not run: sync was removed from the config while run 1 ran'), 30_000, 'the attempt not armed to be said');
	expect(log()).not.toContain('sync: attempt 2 of 2 in ');
	// Not `retry 1 asks for it`: a retry of a run whose job is gone is refused.
	expect(log()).not.toContain('ran (sage-console retry 1 asks for it)');
	expect(waitingRetryRows(root)).toEqual([]);
	expect(cli('show', '1').stdout).not.toContain('attempt 2 at');
	await waitFor(() => robotMessages(robot).some(text => text.startsWith('### ❌ sync failed')), 30_000, 'run 1\'s failure alert');
}, 120_000);
