/**
 * `logs RUN --follow` ends as `run JOB` does: the run's summary (`run 2 nightly_export [2026-12-04]: failed in 1.0s`,
 * its error, its log's path) after the log, and exit 1 when it did not succeed. It ended after the last
 * log line with nothing saying how the run went. With a scheduler following the run live, and without
 * one for a run that has ended.
 */
import {describe, expect, it} from 'vitest';
import {sameDayEach} from '../helpers/same-day-ahead.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobs = 'jobs:\n  - {id: nightly_export, trigger: manual, command: ["sh", "-c", "echo exporting; sleep 1; echo disk full >&2; exit 3"]}\n';

/** What `run` prints after the run's log: from its `run N JOB [DAY]: STATUS` line to the end. */
function summaryOf(stdout: string): string {
	const start = stdout.search(/^run \d+ nightly_export[ :]/m);
	return start === -1 ? '' : stdout.slice(start);
}

describe('logs --follow ends with how the run ended', () => {
	// Run logs are numbered within a day in Shanghai (the root's zone): runs 1 and 2 on one day there, where
	// across its midnight run 2's log was the new day's `_001.log`, not `_002.log`.
	sameDayEach('Asia/Shanghai', 60_000);

	it('prints run\'s summary and exits with the run\'s result, with and without a scheduler', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobs});
		const ran = runCli(['run', 'nightly_export', '--root', root.dir]);
		expect(ran.code).toBe(1);
		const ranSummary = summaryOf(ran.stdout);
		expect(ranSummary).toMatch(/^run 1 nightly_export( \[[\d-]+\])?: failed in \S+\nExitCode: .*\n(.*\n)*log: .*logs\/jobs\/\d{8}_001\.log\n$/);

		// Without a scheduler: an ended run's log, then the same summary run printed
		const alone = runCli(['logs', '1', '--follow', '--root', root.dir]);
		expect(alone.code).toBe(1);
		expect(alone.stdout).toContain('exporting');
		expect(summaryOf(alone.stdout)).toBe(ranSummary);

		// With a scheduler: a run followed while it goes ends with its summary
		await schedulerStarted(processes.start(root.dir));
		const detached = runCli(['run', 'nightly_export', '--detach', '--root', root.dir]);
		expect(detached.code).toBe(0);
		const runId = detached.stdout.trim();
		expect(runId).toBe('2');
		const live = runCli(['logs', runId, '--follow', '--root', root.dir]);
		expect(live.code).toBe(1);
		expect(live.stdout).toContain('exporting');
		expect(summaryOf(live.stdout)).toMatch(/^run 2 nightly_export( \[[\d-]+\])?: failed in \S+\nExitCode: .*\n(.*\n)*log: .*logs\/jobs\/\d{8}_002\.log\n$/);

		// A backfill left to the scheduler prints its run ids alone, one a line, as one run's --detach prints its
		// id (`for id in $(sage-console run … --detach)`); what it is doing goes to stderr.
		const days = runCli(['run', 'nightly_export', '--from', '2026-12-01', '--to', '2026-12-02', '--detach', '--root', root.dir]);
		expect(days).toMatchObject({code: 0, stdout: '3\n4\n'});
		expect(days.stderr).toBe('backfilling nightly_export for 2 trading day(s) from 2026-12-01 to 2026-12-02\n');
	}, 60_000);

	it('follows a run a one-off `run` carries out in another shell (no scheduler) to its end and exits with its result', async () => {
		// It printed the lines written so far and exited 0 at once, the run still going.
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: slow_export, trigger: manual, command: ["sh", "-c", "echo exporting; sleep 2; echo written; exit 3"]}\n'});
		const oneOff = startCli(['run', 'slow_export', '--root', root.dir]);
		processes.track(oneOff);
		await waitFor(() => (JSON.parse(runCli(['show', '1', '--json', '--root', root.dir]).stdout || '{}') as {status?: string}).status === 'running', 20_000, 'run 1 running');
		const followed = runCli(['logs', '1', '--follow', '--root', root.dir]);
		expect(followed.code, followed.stderr).toBe(1);
		expect(followed.stdout).toContain('exporting');
		expect(followed.stdout).toContain('written');
		expect(summaryOf(followed.stdout.replace('slow_export', 'nightly_export'))).toMatch(/^run 1 nightly_export( \[[\d-]+\])?: failed in \S+\n/);
		expect(await oneOff.exited).toBe(1);
	}, 60_000);
});
