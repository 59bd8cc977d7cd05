/**
 * The jobs panel as an operator reads it at 120×40: every LAST text whole, NEXT while the whole
 * scheduler is paused or stopping, jobs without a display name.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import type {JobView} from '../../src/protocol/snapshot.js';
import {JobsPanel} from '../../src/ui/panels/jobs-panel.js';
import {keys} from '../helpers/keys.js';
import {waitFor} from '../helpers/wait-for.js';
import {consoleHarness} from './console-harness.js';
import {renderAt} from './terminal-at.js';

const open = consoleHarness();
const size = {columns: 120, rows: 40};
const now = Date.parse('2026-11-20T12:34:30+08:00');

const jobsYaml = `jobs:
  - id: refresh_quotes_all_markets
    name: 实时行情刷新
    cron: "*/5 * * * *"
    calendar: trading-days
    module: jobs/ok.ts
  - id: backtest_momentum
    name: 回测 momentum
    trigger: manual
    command: ["sh", "-c", "echo '::progress 0.5 day 4 of 300'; sleep 30"]
`;

describe('the jobs panel at 120 columns', () => {
	it('shows a cancelled run\'s LAST in full: glyph, status and time', async () => {
		const c = await open(jobsYaml, {size});
		await c.see('Jobs (2)');
		await c.press('j', 'r');
		await c.see('50%');
		await c.press(keys.tab, 'c', 'y');
		await waitFor(() => c.t.finished[0]?.status === 'cancelled', 10_000, 'the run to be cancelled');
		const screen = await c.see(/backtest_momentum .*⊘ cancelled/);
		expect(screen).toMatch(/backtest_momentum .*⊘ cancelled 16:28\n/);
	});

	it('while the whole scheduler is paused, NEXT says so instead of counting down; resumed, it counts again', async () => {
		const c = await open(jobsYaml, {size});
		await c.see(/refresh_quotes_all_markets .* 16:30 in 1m/);
		c.t.scheduler.setSchedulerPaused(true);
		const paused = await c.see(/refresh_quotes_all_markets .*⏸ scheduler paused/);
		expect(paused).not.toMatch(/refresh_quotes_all_markets .* in \d/);
		// A job without a schedule of its own has nothing to hold.
		expect(paused).toMatch(/backtest_momentum .* — /);
		c.t.scheduler.setSchedulerPaused(false);
		await c.see(/refresh_quotes_all_markets .* 16:30 in 1m/);
	});

	it('while the scheduler is stopping (waiting for a live run), NEXT says nothing fires instead of counting down', async () => {
		const c = await open(jobsYaml, {size});
		await c.see(/refresh_quotes_all_markets .* 16:30 in 1m/);
		await c.press('j', 'r');
		await c.see('50%');
		// A SIGTERM with shutdown: wait: the backtest runs on, nothing new starts.
		const stopped = c.t.scheduler.stop('wait', 60_000);
		const stopping = await c.see(/refresh_quotes_all_markets .*— stopping/);
		expect(stopping).not.toMatch(/refresh_quotes_all_markets .* in \d/);
		await c.t.scheduler.stop('cancel');
		await stopped;
	});

	it('names a job without a display name by its id, as list does, instead of leaving NAME blank', async () => {
		const c = await open(`${jobsYaml}  - id: tick
    cron: "*/5 * * * *"
    command: ["true"]
`, {size});
		const screen = stripAnsi(await c.see('Jobs (3)'));
		expect(screen).toMatch(/ID\s+NAME\s+SCHEDULE/);
		expect(screen).toMatch(/● tick\s+tick\s+every 5 min/);
		expect(screen).toMatch(/● backtest_momentum\s+回测 momentum\s+manual/);
	});

	it('shows an interrupted run\'s LAST in full next to the longest ids and schedules', () => {
		const job = (id: string, fields: Partial<JobView>): JobView => ({
			id, name: id, schedule: 'manual', queue: 'default', priority: 'medium', enabled: true, paused: false, liveRuns: 0, kind: 'module', ...fields,
		});
		const jobs = [
			job('refresh_quotes_all_markets', {name: '实时行情刷新', schedule: 'every 5 min · trading days · trading hours', nextFireAt: now + 3 * 86_400_000}),
			job('backtest_momentum', {name: '回测 momentum', lastRun: {id: 7, jobId: 'backtest_momentum', trigger: 'manual', status: 'interrupted', scheduledAt: now - 60_000, startedAt: now - 60_000, finishedAt: now - 30_000, attempt: 1}}),
			job('news_fetch', {lastRun: {id: 8, jobId: 'news_fetch', trigger: 'manual', status: 'success', scheduledAt: now - 60_000, startedAt: now - 60_000, finishedAt: now - 30_000, durationMs: 2_012_000, attempt: 1}}),
		];
		const ui = renderAt(<JobsPanel jobs={jobs} cursor={0} focused width={120} height={6} now={now} filter=""/>, 120, 10);
		const screen = stripAnsi(ui.lastFrame());
		ui.unmount();
		expect(screen).toMatch(/backtest_momentum .*↯ interrupted 12:34\n/);
		expect(screen).toMatch(/news_fetch .*✓ 33m32s 12:34\n/);
		expect(screen).toContain('refresh_quotes_all_markets ');
		expect(screen).toContain('every 5 min · trading days · trading hours ');
		expect(screen).toContain('11-23 12:34 in 3d');
	});
});
