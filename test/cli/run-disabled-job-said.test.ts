/**
 * `run JOB` of a job with `enabled: false` runs it once, as asked (scripts use `run`: no question), and
 * says on stderr that the job is disabled, as the console's `r` asks before running one. It ran it
 * without a word. With a scheduler running the job and without one; an enabled job gets no such line.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

const jobs = [
	'jobs:',
	'  - {id: old_export, trigger: manual, enabled: false, command: ["echo", "exported"]}',
	'  - {id: backup_db, trigger: manual, command: ["echo", "backed up"]}',
	'',
].join('\n');

const said = 'job old_export is disabled (enabled: false in config/jobs.yaml): running it once as asked\n';

describe('run of a disabled job', () => {
	it('runs it and says it is disabled, with and without a scheduler', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobs});
		const alone = runCli(['run', 'old_export', '--root', root.dir]);
		expect(alone.code).toBe(0);
		expect(alone.stdout).toContain('exported');
		expect(alone.stderr).toBe(said);

		const enabled = runCli(['run', 'backup_db', '--root', root.dir]);
		expect(enabled.code).toBe(0);
		expect(enabled.stderr).not.toContain('disabled');

		await schedulerStarted(processes.start(root.dir));
		const live = runCli(['run', 'old_export', '--root', root.dir]);
		expect(live.code).toBe(0);
		expect(live.stdout).toContain('exported');
		expect(live.stderr).toBe(said);
	}, 60_000);
});
