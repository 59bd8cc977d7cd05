/**
 * A scheduler that starts (a reboot, `systemctl restart`) with a broken jobs.yaml goes on with the last
 * good job list its root applied, with its problems shown and a standing notice saying what runs instead, and applies the
 * file once an edit mends it; a root that never applied a good file still refuses to start. Real
 * headless schedulers, real files, a real per-second command job.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {configStatus, keepLastGood, stopScheduler, tickingJob, ticks} from '../helpers/last-good-roots.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const broken = '  - {id: late, cron: "61 * * * *", command: ["true"]}\n';
const noticeStart = 'the last good job list, from ';

describe('a scheduler started with a broken jobs.yaml', () => {
	it('goes on with the last good job list, says so, and applies the file once mended', async () => {
		const root = processes.makeRoot();
		const tickFile = path.join(root.dir, 'ticks.txt');
		const tockFile = path.join(root.dir, 'tocks.txt');
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tick', tickFile)}`);
		await keepLastGood(processes, root.dir);

		// Restarted with a broken file: the job that was fine still fires.
		root.write('config/jobs.yaml', `jobs:\n${tickingJob('tick', tickFile)}${broken}`);
		const second = processes.start(root.dir);
		await schedulerStarted(second);
		const notice = await waitFor(() => configStatus(root.dir).notices.find(text => text.startsWith(noticeStart)), 15_000, 'the last good list notice');
		// The notice says what runs instead; the problem is shown beside it (the header's `config not applied: …`), not twice.
		expect(notice).toMatch(/^the last good job list, from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, is in use until an edit mends \S*config\/jobs\.yaml$/);
		expect(configStatus(root.dir).configProblems).toEqual([expect.objectContaining({line: 3})]);
		expect(configStatus(root.dir).jobs.map(job => job.id)).toEqual(['tick']);
		const before = ticks(tickFile);
		await waitFor(() => ticks(tickFile) >= before + 2, 15_000, 'the job to fire on the last good list');
		expect(second.output().stdout).toMatch(/config not applied, 1 problem; the last good job list, from [^"]*, is in use"/);
		expect(second.output().stdout).toMatch(/is in use until an edit mends \S*config\/jobs\.yaml/);

		// Mended (with a job more): applied as any edit, and the notice goes.
		const mended = `jobs:\n${tickingJob('tick', tickFile)}${tickingJob('tock', tockFile)}`;
		root.write('config/jobs.yaml', mended);
		await waitFor(() => {
			const now = configStatus(root.dir);
			return now.jobs.some(job => job.id === 'tock') && !now.notices.some(text => text.startsWith(noticeStart));
		}, 15_000, 'the mended file to be applied and the notice to go');
		await waitFor(() => ticks(tockFile) >= 1, 15_000, 'the new job to fire');
		// Kept beside the database as the last good list.
		const kept = path.join(root.dir, 'data/sage.last-good-jobs.yaml');
		await waitFor(() => existsSync(kept) && readFileSync(kept, 'utf8') === mended, 10_000, 'the mended file kept as the last good list');
		await stopScheduler(second);

		// The mended file applied by a reload is the last good list now.
		root.write('config/jobs.yaml', `jobs:\n${broken}`);
		const third = processes.start(root.dir);
		await schedulerStarted(third);
		expect(configStatus(root.dir).jobs.map(job => job.id).sort()).toEqual(['tick', 'tock']);

		// `validate` still fails on the file.
		const validate = runCli(['validate', '--root', root.dir]);
		expect(validate.code).not.toBe(0);
		expect(validate.stdout + validate.stderr).toMatch(/jobs\.yaml:2:\d+: /);
	}, 120_000);

	it('the first start ever with a broken file still exits with the file\'s error', () => {
		const root = processes.makeRoot({'config/jobs.yaml': `jobs:\n${broken}`});
		const result = runCli(['--headless', '--root', root.dir], {timeoutMs: 30_000});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/jobs\.yaml:2:\d+: /);
		expect(result.stderr).toContain('nothing was loaded from this file');
	}, 60_000);
});
