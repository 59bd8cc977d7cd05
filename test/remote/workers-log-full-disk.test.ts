/**
 * A run on a worker whose log the console cannot write (logs/jobs/ on a real full disk: a 64 KiB tmpfs
 * filled with dd), with a real redis-server and a real `sage-console worker`: the run keeps the job's
 * own success, its message says its log is incomplete (as a local run's does), and the run-logs notice
 * stands until a run's log is written again. Needs root and tmpfs mounts (CI has both); skipped
 * otherwise, with the reason in the test's name.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {canMountTmpfs} from '../helpers/tmpfs.js';
import {waitFor} from '../helpers/wait-for.js';
import {finished, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;
let jobLogs: string;

/** Kilobytes free on the file system of `dir`. */
const freeKb = (dir: string) => Number(execFileSync('df', ['--output=avail', '-k', dir], {encoding: 'utf8'}).trim().split('\n').at(-1));

describe.skipIf(!canMountTmpfs)('a run on a worker whose log the console cannot write (a full tmpfs on logs/jobs; needs root and mount)', () => {
	beforeAll(async () => {
		stage = await openRemoteStage({jobsYaml: `jobs:
  - {id: steps, trigger: manual, module: jobs/steps.ts, params: {steps: 3, ms: 20}, run_on: workers, queue: analysis}
`, workerArgs: ['--queues', 'analysis'], workerCount: 1});
		jobLogs = path.join(stage.root.dir, 'logs/jobs');
		mkdirSync(jobLogs, {recursive: true});
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0750', 'tmpfs', jobLogs]);
	}, 60_000);

	afterAll(async () => {
		spawnSync('umount', ['-l', jobLogs]);
		await stage?.close();
	}, 30_000);

	it('keeps the job\'s success with "log incomplete" in its message, raises the run-logs notice, and clears it once a log is written again', async () => {
		const {host, root} = stage;
		const runLogNotices = () => host.scheduler.snapshot().notices.filter(text => /^runs? (fail|logs)/.test(text));
		const runSteps = async () => {
			const submitted = host.scheduler.submit('steps');
			expect(submitted.ok).toBe(true);
			const record = await finished(host, submitted.run!.id);
			return {record, row: rowsOf(root.dir, 'steps').find(row => row.id === record.id)!};
		};

		// Full to the last block: the console creates the run's log, and no line the worker streams goes in.
		spawnSync('dd', ['if=/dev/zero', `of=${path.join(jobLogs, 'filler')}`, 'bs=1k']);
		expect(freeKb(jobLogs)).toBe(0);
		const full = await runSteps();
		const shown = path.relative(root.dir, full.record.logPath!);
		expect(full.record.status).toBe('success');
		expect(full.row.message).toMatch(new RegExp(`^log incomplete: \\d+ lines \\(the closing line among them\\) not written to ${shown}: ENOSPC \\(no space left on device\\)$`));
		expect(runLogNotices()).toEqual([`run logs incomplete: cannot write ${shown}: ENOSPC (no space left on device)`]);
		expect(host.scheduler.tail.newest(100).map(line => line.msg)).toContain(full.row.message);

		// Space again: the next run's log is whole, and the notice is gone.
		rmSync(path.join(jobLogs, 'filler'));
		const whole = await runSteps();
		expect(whole.record.status).toBe('success');
		expect(whole.row.message).toBe('step 3'); // Its last progress, as any run's without notes.
		await waitFor(() => runLogNotices().length === 0, 15_000, 'the notice to go');
	});
});
