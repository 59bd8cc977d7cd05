/**
 * A reload while runs wait for a slot: a waiting run of a job removed from jobs.yaml is cancelled,
 * saying why, and one of a changed job runs as the job is now. Both ran later as the job was when they
 * were asked for: the removed job anyway, the changed one with the command the edit had just fixed.
 * Built binaries, a real headless scheduler.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const hold = '{id: hold, trigger: manual, queue: data, command: ["sh", "-c", "while [ ! -f go ]; do sleep 0.2; done"]}';
const before = `queues: {data: 1}
jobs:
  - ${hold}
  - {id: later, trigger: manual, queue: data, command: ["touch", "ran-old"]}
  - {id: gone, trigger: manual, queue: data, command: ["touch", "ran-gone"]}
`;
const after = `queues: {data: 1}
jobs:
  - ${hold}
  - {id: later, trigger: manual, queue: data, command: ["touch", "ran-new"]}
`;

type Row = {id: number; job_id: string; status: string; message: string | null};

it('cancels the waiting run of a removed job and runs a changed job\'s as it is now', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': before});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const rows = () => JSON.parse(cli('history', '--json').stdout) as Row[];
	for (const job of ['hold', 'later', 'gone']) {
		expect(cli('run', job, '--detach').code).toBe(0);
	}

	await waitFor(() => rows().filter(row => row.status === 'queued').length === 2, 30_000, 'later and gone to wait behind hold');
	root.write('config/jobs.yaml', after);
	expect(cli('reload').stdout).toContain('reloaded: 0 added, 1 removed, 1 changed');
	const gone = await waitFor(() => rows().find(row => row.job_id === 'gone' && row.status !== 'queued'), 30_000, 'gone\'s run to end');
	expect(gone).toMatchObject({status: 'cancelled', message: 'cancelled before it started: gone was removed from the config'});

	root.write('go', '');
	await waitFor(() => rows().find(row => row.job_id === 'later' && row.status === 'success'), 30_000, 'later to run');
	expect(existsSync(path.join(root.dir, 'ran-new'))).toBe(true);
	expect(existsSync(path.join(root.dir, 'ran-old'))).toBe(false);
	expect(existsSync(path.join(root.dir, 'ran-gone'))).toBe(false);
}, 90_000);
