/**
 * Moments the console shows that may be of an earlier day give their day when they are not of today
 * (Shanghai, the console's clock), as the jobs panel's LAST does: a service's last exit, a worker last
 * heard, and when the scheduler went in the header's re-attaching notice. Of today they stay a clock time.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import type {SchedulerSnapshot, ServiceView, WorkerView} from '../../src/protocol/snapshot.js';
import {dayNumberOf} from '../../src/ui/log-days.js';
import {serviceViewLines} from '../../src/ui/overlays/service-view-lines.js';
import {Header} from '../../src/ui/panels/header.js';
import {ServicesPanel} from '../../src/ui/panels/services-panel.js';
import {WorkersPanel} from '../../src/ui/panels/workers-panel.js';
import {warningRows} from '../../src/ui/warning-rows.js';
import {warningsOf} from '../../src/ui/warnings.js';
import {renderAt} from './terminal-at.js';

/** Friday 2026-11-20 10:15:30 in Shanghai. */
const now = Date.parse('2026-11-20T10:15:30+08:00');
const today = dayNumberOf(now);

const quotes = (exitAt: string): ServiceView => ({
	id: 'quotes', name: '行情采集', state: 'up', since: now - 65_000, enabled: true, window: 'always', inWindow: true,
	pid: 48211, runId: 7, startedAt: now - 65_000, upSince: now - 64_000, restartsToday: 0, memoryMb: 38, maxMemoryMb: 512,
	lastExit: {at: Date.parse(exitAt), runId: 5, status: 'failed', exitCode: 1, message: 'ExitCode: quotes exited with code 1'},
});

const worker = (name: string, online: boolean, lastSeenAt: string): WorkerView => ({
	name, host: name.split(':')[0]!, pid: 77, queues: ['analysis'], concurrency: 1, online, stopping: false, startedAt: now - 7_200_000, lastSeenAt: Date.parse(lastSeenAt), runs: [],
});

describe('a moment of an earlier day has its day', () => {
	it('the services panel: a last exit of last night is `11-19 23:50:07 exit 1`; one of today stays `10:14:21 exit 1`', () => {
		const ui = render(<ServicesPanel services={[quotes('2026-11-19T23:50:07+08:00')]} cursor={0} focused width={80} height={2} now={now}/>);
		const row = stripAnsi(ui.lastFrame() ?? '').split('\n')[1]!;
		expect(row).toMatch(/^›● quotes +up +up 1m04s +pid 48211 38M\/512M 11-19 23:50:07 exit 1 /);
		expect(row.length).toBeLessThanOrEqual(80);
		ui.rerender(<ServicesPanel services={[quotes('2026-11-20T10:14:21+08:00')]} cursor={0} focused width={80} height={2} now={now}/>);
		expect(stripAnsi(ui.lastFrame() ?? '').split('\n')[1]).toMatch(/ 38M\/512M 10:14:21 exit 1 /);
	});

	it('the services panel at midnight: yesterday 23:50 gets its day once the console\'s clock passes midnight', () => {
		const service = quotes('2026-11-19T23:50:07+08:00');
		const before = Date.parse('2026-11-19T23:59:30+08:00');
		const ui = render(<ServicesPanel services={[service]} cursor={0} focused width={80} height={2} now={before}/>);
		expect(stripAnsi(ui.lastFrame() ?? '')).toMatch(/ 23:50:07 exit 1 /);
		ui.rerender(<ServicesPanel services={[service]} cursor={0} focused width={80} height={2} now={before + 60_000}/>);
		expect(stripAnsi(ui.lastFrame() ?? '')).toMatch(/ 11-19 23:50:07 exit 1 /);
	});

	it('the service view\'s last exit', () => {
		const text = serviceViewLines(quotes('2026-11-19T23:50:07+08:00'), undefined, undefined, now, 100).map(line => line.text);
		expect(text).toContain('last exit  11-19 23:50:07 exit 1 (run 5, failed)  ExitCode: quotes exited with code 1');
	});

	it('the workers section: a worker offline since last week is `seen 11-13 16:02:11`, the columns after it still aligned', () => {
		const remote = {
			redis: 'redis://10.0.0.5:6379/0', reachable: true, queues: [],
			workers: [worker('gpu-box:4121', true, '2026-11-20T10:15:29+08:00'), worker('old-box:77', false, '2026-11-13T16:02:11+08:00')],
		};
		const ui = render(<WorkersPanel remote={remote} width={120} height={3} today={today}/>);
		const rows = stripAnsi(ui.lastFrame() ?? '').split('\n');
		expect(rows[1]).toMatch(/^ ● gpu-box:4121 +online +queues analysis +seen 10:15:29 +runs 0\/1$/);
		expect(rows[2]).toMatch(/^ ○ old-box:77 +offline +queues analysis +seen 11-13 16:02:11 runs 0\/1$/);
		expect(rows[1]!.indexOf('runs')).toBe(rows[2]!.indexOf('runs'));
	});

	it('the header: a console re-attaching since last night says `scheduler pid 4242 gone since 11-19 23:58:00`; since this morning, the clock time', () => {
		// What warningsOf reads of the snapshot when the scheduler is gone: no other notice.
		const snapshot = {scheduler: {stopping: false}, configProblems: [], configWarnings: [], notices: []} as unknown as SchedulerSnapshot;
		const header = (since: string) => {
			const warnings = warningsOf(snapshot, 'the scheduler went away', today, [], {since: Date.parse(since), pid: 4242});
			const ui = renderAt(<Header now={now} calendar={createTradingCalendar()} jobs={3} running={0} today={{day: '2026-11-20', runs: 0, succeeded: 0, failed: 0, cancelled: 0}} loopDelayMs={3} warningRows={warningRows(warnings, 140, 4)} attachedTo={4242} stale width={140}/>, 140, 6);
			const frame = stripAnsi(ui.lastFrame());
			ui.unmount();
			return frame;
		};

		expect(header('2026-11-19T23:58:00+08:00')).toContain('scheduler pid 4242 gone since 11-19 23:58:00 (the scheduler went away); re-attaching…');
		expect(header('2026-11-20T08:02:03+08:00')).toContain('scheduler pid 4242 gone since 08:02:03 (the scheduler went away); re-attaching…');
	});
});
