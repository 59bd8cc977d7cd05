/**
 * Today's figures in the header and the Failures panel, read as an operator reads them. The header
 * counts jobs' runs (as `status` and /v1/stats do), today's cancelled ones too; a service's failed
 * start stands in the Failures panel marked as the service's, and the panel's count says how many are
 * jobs' runs (the header's "F failed") and how many services' starts. At 80×24 the header still fits.
 * A console in tmux attached to a real headless scheduler; the runs are real processes.
 */
import {describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices} from '../helpers/status-services.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

const slow = 60_000;

function serviceState(root: string): string | undefined {
	return statusServices(root)[0]?.state;
}

describe.skipIf(!hasTmux || !hasFaketime)('today\'s figures: header and Failures panel (tmux, attached to --headless)', () => {
	it('shows today\'s cancelled runs, marks a service\'s failed start as the service\'s, and fits 80×24', async () => {
		// Given a headless scheduler: one job run failed, one cancelled, a service whose start failed
		const root = processes.makeRoot({
			'feed.sh': '#!/bin/sh\necho "quote feed: connection refused" >&2\nexit 1\n',
		});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `jobs:
  - id: import_fills
    trigger: manual
    command: ["sh", "-c", "echo 'broker file missing' >&2; exit 3"]
  - id: backtest
    trigger: manual
    command: ["sleep", "60"]
services:
  - id: quote_feed
    command: ["sh", "${root.dir}/feed.sh"]
    start_limit: 1
    start_limit_interval: 10m
`);
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const pid = processes.pidOf(0);
		expect(runCli(['run', 'import_fills', '--detach', '--root', root.dir]).code).toBe(0);
		const started = runCli(['run', 'backtest', '--detach', '--root', root.dir]);
		const runId = /\d+/.exec(started.stdout)?.[0];
		expect(runId, started.stdout + started.stderr).toBeDefined();
		await waitFor(() => runCli(['cancel', runId!, '--root', root.dir]).code === 0, 20_000, 'the run to be cancelled');
		await waitFor(() => serviceState(root.dir) === 'fatal' || undefined, 20_000, 'the service\'s start to fail');

		// When a console attaches on a wide terminal (180×40), its clock on a holiday night (the National
		// Day week: the longest market words; the scheduler's own clock says what today's runs are)
		const s = openTmuxSession('figures', `${atTime('2026-10-02T23:26:56+08:00', `${binary} --root ${root.dir}`)}; sleep 120`, 180, 40);

		// Then the header counts the jobs' runs, the cancelled one too, and the panel tells the two kinds apart
		await s.see('1 cancelled', slow);
		expect(s.rows()[0]).toMatch(/^sage-console  2026-10-02 23:2\d:\d\d  ◆ holiday · next trading day Thu 8 Oct │ jobs 2 · running 0 │ today 2 job runs · 0% ok · 1 failed · 1 cancelled │ attached to pid \d+/);
		await s.see('Failures today (2: 1 job run, 1 service start)');
		const failureRows = s.rows().filter(line => /^.✗ \d\d:\d\d:\d\d run \d+ /.test(line));
		expect(failureRows).toHaveLength(2);
		expect(failureRows.find(line => line.includes('quote_feed'))).toMatch(/run \d+ +#1 +service quote_feed +ExitCode: /);
		expect(failureRows.find(line => line.includes('import_fills'))).toMatch(/run \d+ +#1 +import_fills +\S/);

		// And at 80×24 the header keeps the market, the failed count and the pid whole, nothing cut
		s.resize(80, 24);
		await waitFor(() => s.rows()[0]!.length <= 80 && s.rows()[0]!.includes('1 failed') || undefined, 10_000, 'the header at 80 columns');
		const header = s.rows()[0]!;
		expect(header).toMatch(new RegExp(`│ (attached to )?pid ${pid}$`));
		expect(header).toMatch(/^23:2\d:\d\d  ◆ holiday · next Thu 8 Oct │ running 0 │ 1 failed │ pid \d+$/);
		expect(header).not.toContain('…');
	}, 3 * slow);
});
