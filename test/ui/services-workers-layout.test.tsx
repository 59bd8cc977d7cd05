/**
 * Where the services panel and the workers section go, and how their rows read, without a terminal:
 * the layout's arithmetic, the panels drawn by Ink (ink-testing-library) at 80 and 120 columns, the
 * Tab order and the service view's lines.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {ServiceDetail} from '../../src/protocol/messages.js';
import type {RemoteView, ServiceView} from '../../src/protocol/snapshot.js';
import {computeLayout, type PanelCounts} from '../../src/ui/layout.js';
import {keyBar} from '../../src/ui/keymap.js';
import {dayNumberOf} from '../../src/ui/log-days.js';
import {serviceViewLines} from '../../src/ui/overlays/service-view-lines.js';
import {ServicesPanel} from '../../src/ui/panels/services-panel.js';
import {WorkersPanel} from '../../src/ui/panels/workers-panel.js';
import {consoleReducer, initialConsoleState, panelsShown, type ConsoleState} from '../../src/ui/state/console-state.js';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const now = Date.parse('2026-11-20T10:15:30+08:00');

/** The layout as it was before services and workers: what a console without them must keep. */
function layoutBefore(columns: number, rows: number, headerLines: number, counts: PanelCounts) {
	const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max));
	const main = Math.max(10, rows - 1 - headerLines - 1);
	const running = clamp(counts.live + 1, 2, Math.max(2, Math.floor(main / 4)));
	const jobs = clamp(counts.jobs + 2, 4, Math.max(4, Math.floor(main * 0.45)));
	const rest = main - running - jobs;
	const failures = clamp(counts.failures + 1, 2, Math.max(2, Math.floor(rest * 0.4)));
	return {width: columns, main, jobs, running, workers: 0, services: 0, failures, log: Math.max(2, rest - failures)};
}

const panelRows = (layout: ReturnType<typeof computeLayout>) => layout.jobs + layout.running + layout.workers + layout.services + layout.log + layout.failures;

const service = (id: string, fields: Partial<ServiceView> = {}): ServiceView => ({
	id, name: id, state: 'up', since: now - 65_000, enabled: true, window: 'always', inWindow: true, restartsToday: 0, ...fields,
});

const quotes = service('quotes', {
	name: '行情采集', pid: 48211, runId: 7, startedAt: now - 65_000, upSince: now - 64_000, restartsToday: 1, memoryMb: 38, maxMemoryMb: 512,
	lastExit: {at: Date.parse('2026-11-20T10:14:21+08:00'), runId: 5, status: 'failed', exitCode: 1, message: 'ExitCode: quotes exited with code 1'},
});
const gateway = service('broker_gateway', {state: 'backoff', upSince: undefined, nextStartAt: now + 4000, restartsToday: 3});
const strategy = service('strategy', {state: 'outside-window', enabled: false, upSince: undefined, window: 'session 09:15–15:00 · trading days', inWindow: false});

const remote = (fields: Partial<RemoteView> = {}): RemoteView => ({
	redis: 'redis://10.0.0.5:6379/0',
	reachable: true,
	workers: [
		{name: 'gpu-box:4121', host: 'gpu-box', pid: 4121, queues: ['analysis'], concurrency: 2, online: true, stopping: false, startedAt: now - 3_600_000, lastSeenAt: Date.parse('2026-11-20T10:15:29+08:00'), runs: [{runId: 42, jobId: 'backtest'}]},
		{name: 'old-box:77', host: 'old-box', pid: 77, queues: ['analysis', 'data'], concurrency: 1, online: false, stopping: false, startedAt: now - 7_200_000, lastSeenAt: Date.parse('2026-11-20T09:58:02+08:00'), runs: []},
	],
	queues: [{name: 'analysis', waiting: 2, active: 1, delayed: 0}],
	...fields,
});

describe('the layout with services and workers', () => {
	it('without services or workers, every panel keeps the rows it had (the screenshot stays as it is)', () => {
		for (const [columns, rows] of [[80, 24], [100, 30], [120, 40], [200, 50], [80, 12]] as const) {
			for (const counts of [{jobs: 0, live: 0, failures: 0}, {jobs: 10, live: 1, failures: 1}, {jobs: 40, live: 9, failures: 30}]) {
				for (const header of [1, 3]) {
					expect(computeLayout(columns, rows, header, counts)).toEqual(layoutBefore(columns, rows, header, counts));
				}
			}
		}
	});

	it('at 80×24 with 10 jobs, services and a worker everything fits: every panel keeps its minimum and no row is left over', () => {
		const layout = computeLayout(80, 24, 2, {jobs: 10, live: 2, failures: 3, services: 3, workers: 1});
		expect(panelRows(layout)).toBe(layout.main);
		expect(layout.services).toBe(4);
		expect(layout.workers).toBe(2);
		expect(layout.jobs).toBeGreaterThanOrEqual(4);
		expect(layout.log).toBeGreaterThanOrEqual(2);
		expect(layout.failures).toBeGreaterThanOrEqual(2);
	});

	it('never asks for more rows than there are, whatever the counts and the terminal', () => {
		for (let rows = 20; rows <= 60; rows++) {
			for (const services of [0, 1, 3, 12, 40]) {
				for (const workers of [undefined, 0, 1, 5, 30]) {
					const layout = computeLayout(80, rows, 2, {jobs: 30, live: 8, failures: 20, services, workers});
					expect(panelRows(layout), `${rows} rows, ${services} services, ${workers} workers`).toBe(layout.main);
					expect(layout.services === 0 || layout.services >= 2 || services === 0).toBe(true);
				}
			}
		}
	});

	it('services and workers take the rows they need, within a cap, and leave the rest to the log', () => {
		const layout = computeLayout(120, 40, 1, {jobs: 5, live: 1, failures: 0, services: 2, workers: 1});
		expect(layout.services).toBe(3);
		expect(layout.workers).toBe(2);
		expect(computeLayout(120, 40, 1, {jobs: 5, live: 1, failures: 0, services: 30}).services).toBe(Math.floor(layout.main / 5));
		expect(layout.log).toBeGreaterThan(15);
	});
});

describe('the services panel', () => {
	it('at 80 columns a row has state, uptime, restarts, pid, memory and last exit, whole', () => {
		const ui = render(<ServicesPanel services={[quotes, gateway, strategy]} cursor={0} focused width={80} height={4} now={now}/>);
		const rows = stripAnsi(ui.lastFrame() ?? '').split('\n');
		expect(rows[0]).toMatch(/^▌Services \(1 of 3 up\) ─+ Enter: output and crashes$/);
		// The window comes last and is the one cut when the row is full.
		expect(rows[1]).toMatch(/^›● quotes +up +up 1m04s +↺1 pid 48211 38M\/512M 10:14:21 exit 1 …$/);
		expect(rows[2]).toMatch(/^ ↻ broker_gateway +backoff +restart in 4s +↺3/);
		// Nothing to count: its window comes right after its state.
		expect(rows[3]).toMatch(/^ ○ strategy +disabled +session 09:15–15:00 · trading days$/);
		for (const row of rows) {
			expect(row.length).toBeLessThanOrEqual(80);
		}
	});
});

describe('the workers section', () => {
	it('titles Redis and the queue depths; a row per worker, online first, with queues, last seen and runs', () => {
		const ui = render(<WorkersPanel remote={remote()} width={120} height={3} today={dayNumberOf(now)}/>);
		const rows = stripAnsi(ui.lastFrame() ?? '').split('\n');
		expect(rows[0]).toMatch(/^ Workers \(1 online of 2\) ─+ redis redis:\/\/10\.0\.0\.5:6379\/0 · analysis 2 waiting 1 running$/);
		expect(rows[1]).toMatch(/^ ● gpu-box:4121 +online +queues analysis +seen 10:15:29 runs 1\/2: backtest#42$/);
		expect(rows[2]).toMatch(/^ ○ old-box:77 +offline +queues analysis,data +seen 09:58:02 runs 0\/2$/);
	});

	it('says Redis is down, with why, where the depths were; more workers than rows are counted', () => {
		const many = remote({reachable: false, problem: 'connect ECONNREFUSED 10.0.0.5:6379'});
		const ui = render(<WorkersPanel remote={{...many, workers: [...many.workers, {...many.workers[0]!, name: 'c:1'}, {...many.workers[0]!, name: 'd:1'}]}} width={100} height={3} today={dayNumberOf(now)}/>);
		const rows = stripAnsi(ui.lastFrame() ?? '').split('\n');
		expect(rows[0]).toContain('⚠ redis redis://10.0.0.5:6379/0 DOWN: connect ECONNREFUSED 10.0.0.5:6379');
		expect(rows[1]).toMatch(/● c:1 +online/);
		expect(rows[2]).toBe('  … and 3 more (sage-console status)');
	});

	it('with no worker yet, says how one starts', () => {
		const ui = render(<WorkersPanel remote={remote({workers: []})} width={120} height={2} today={dayNumberOf(now)}/>);
		expect(stripAnsi(ui.lastFrame() ?? '')).toContain('no worker has reported yet (sage-console worker --redis URL');
	});
});

describe('keys and the service view', () => {
	it('Tab goes through the services panel only when there are services', () => {
		const tab = (state: ConsoleState, hasServices: boolean) => consoleReducer(state, {type: 'focus-next', delta: 1, panels: panelsShown(hasServices)});
		const order = (hasServices: boolean) => {
			const seen: string[] = [];
			let state = initialConsoleState;
			for (let i = 0; i < 5; i++) {
				state = tab(state, hasServices);
				seen.push(state.focus);
			}

			return seen;
		};

		expect(order(false)).toEqual(['running', 'log', 'failures', 'jobs', 'running']);
		expect(order(true)).toEqual(['running', 'services', 'log', 'failures', 'jobs']);
		expect(keyBar('services')).toBe('Tab panel · Enter open · s start · x stop · X restart · : command · ? help · q quit');
		expect(keyBar('jobs')).toBe('Tab panel · Enter open · r run · p pause · f failures · / find · : command · ? help · q quit');
	});

	it('the view: facts from the snapshot, crashes with their stderr, then the output, wrapped to the width', () => {
		const detail: ServiceDetail = {
			service: quotes,
			outputFile: '/box/logs/services/quotes.log',
			errorFile: '/box/logs/services/quotes.err.log',
			output: ['collector up, 4521 symbols', 'x'.repeat(70)],
			errors: [],
			crashes: [{id: 5, jobId: 'quotes', trigger: 'service', status: 'failed', scheduledAt: now - 70_000, finishedAt: Date.parse('2026-11-20T10:14:21+08:00'), attempt: 1, error: {type: 'ExitCode', message: 'quotes exited with code 1', stack: 'ExitCode: quotes exited with code 1\nquote feed: HTTP 502 from upstream'}}],
		};
		const text = serviceViewLines(quotes, detail, undefined, now, 60).map(line => line.text);
		expect(text).toContain('state      ● up  up 1m04s');
		expect(text).toContain('restarts   1 today');
		expect(text).toContain('Crashes (1), newest first, each with the stderr it left');
		expect(text).toContain('  ✗ run 5  2026-11-20 10:14:21  ExitCode: quotes exited with');
		expect(text).toContain('      quote feed: HTTP 502 from upstream');
		// The stack's first line repeats the headline: said once.
		expect(text.filter(line => line.includes('ExitCode: quotes exited'))).toHaveLength(1);
		expect(text.at(-3)).toBe('  collector up, 4521 symbols');
		// Wrapped, not cut: the long output line goes on under itself.
		expect(text.slice(-2).join('').replaceAll(' ', '')).toBe('x'.repeat(70));
		expect(Math.max(...text.map(line => line.length))).toBeLessThanOrEqual(60);
		expect(serviceViewLines(quotes, undefined, undefined, now, 60).at(-1)?.text).toBe('loading its output and crashes…');
		expect(serviceViewLines(quotes, undefined, 'no service "quotes"', now, 60).map(line => line.text).join(' ')).toMatch(/could not be read: no service\s+"quotes"/);
	});
});

describe('the console with runs on workers (a real scheduler told what the remote executor saw)', () => {
	const open = consoleHarness();

	it('shows the workers section only once the scheduler has runs on workers; Tab does not stop there, nor at services there are none of', async () => {
		const c = await open(`jobs:
  - {id: tick, trigger: manual, command: ["true"]}
`);
		await c.see('Jobs (1)');
		expect(c.frame()).not.toMatch(/Workers|Services/);
		c.t.scheduler.setRemoteView(remote());
		const frame = await c.see('Workers (1 online of 2)');
		expect(frame).toMatch(/● gpu-box:4121 +online +queues analysis/);
		expect(frame).not.toContain('Services');
		await c.press(keys.tab);
		await c.see('▌Running');
		await c.press(keys.tab);
		await c.see('▌Log');
		await c.press('s');
		await c.see('no services in jobs.yaml');
	});
});
