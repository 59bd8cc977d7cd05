/**
 * `sage-console reload --config FILE` against a scheduler that reads another jobs.yaml (started without
 * that --config): it reloaded the scheduler's own file and said `reloaded: …`, so a script that meant
 * FILE read it as applied. Now nothing is reloaded, and it says which file the scheduler reads (exit 1).
 * The same file by another name (a symlink) is the scheduler's file: reloaded as ever.
 */
import {symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliOn, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();
const oneJob = 'jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n';

describe('sage-console reload --config FILE', () => {
	it('refuses a file the scheduler does not read, reloading nothing; the same file by a symlink reloads', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': oneJob});
		await schedulerStarted(processes.start(root.dir));
		const other = path.join(root.dir, 'staging.yaml');
		writeFileSync(other, `${oneJob}  - {id: b, trigger: manual, command: ["true"]}\n`);

		const refused = runCli(['reload', '--root', root.dir, '--config', other]);
		expect(refused.stdout).toBe('');
		expect(refused.stderr).toBe(`sage-console: this scheduler reads ${path.join(root.dir, 'config/jobs.yaml')}, not ${other}: nothing reloaded (to run on ${other}, restart the scheduler with --config ${other})\n`);
		expect(refused.code).toBe(1);
		const jobIds = () => (JSON.parse(cliOn(root.dir)('status', '--json')) as {jobs: Array<{id: string}>}).jobs.map(job => job.id);
		expect(jobIds()).toEqual(['a']);

		const link = path.join(root.dir, 'jobs-link.yaml');
		symlinkSync(path.join(root.dir, 'config/jobs.yaml'), link);
		const same = runCli(['reload', '--root', root.dir, '--config', link]);
		expect(same.stderr).toBe('');
		expect(same.stdout).toMatch(/^reloaded: 0 added, 0 removed, 0 changed\n/);
		expect(same.code).toBe(0);
	});
});
