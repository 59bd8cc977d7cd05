/**
 * `logs RUN` of a run that ended minutes ago, whose log file is gone (deleted by hand, a cleanup
 * script, `git clean`), says the file is gone from where it was written and that retention did not
 * remove it. It blamed retention's logs_days for every missing log, sending the operator to a setting
 * that had nothing to do with it. With a scheduler and without one; retention's own case is
 * logs-of-a-pruned-run-log.test.ts.
 */
import {rmSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

describe('logs of a young run whose log was deleted', () => {
	it('names where the log was written and does not blame retention', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'retention: {logs_days: 7}\njobs:\n  - {id: backup_db, trigger: manual, command: ["echo", "backup done"]}\n'});
		expect(runCli(['run', 'backup_db', '--root', root.dir]).code).toBe(0);
		const [run] = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as Array<{id: number; log_path: string}>;

		// When something else than retention deletes the log of a run that ended seconds ago
		rmSync(run!.log_path);

		// Then logs names the path it was written to and says retention did not remove it
		const alone = runCli(['logs', String(run!.id), '--root', root.dir]);
		expect(alone.code).toBe(1);
		expect(alone.stdout).toBe('');
		expect(alone.stderr).toMatch(/^sage-console: the log of run 1 is gone from logs\/jobs\/\d{8}_001\.log, where it was written; retention did not remove it \(the run ended \S+ ago, run logs are kept 7 days by logs_days\): it was deleted or moved by something else; sage-console show 1 has its result and error\n$/);
		expect(alone.stderr).not.toContain('are deleted after');

		await schedulerStarted(processes.start(root.dir));
		const live = runCli(['logs', String(run!.id), '--root', root.dir]);
		expect(live.code).toBe(1);
		expect(live.stderr).toMatch(/^sage-console: the log of run 1 is gone from logs\/jobs\/\d{8}_001\.log, where it was written; retention did not remove it/);
	}, 60_000);
});
