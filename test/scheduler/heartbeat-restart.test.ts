/**
 * A heartbeat job's pings and told states live in the database: after a restart the state is the same
 * and an alert already told is not told again. A real host (SQLite file, the settings table) on a fixed
 * clock; 2026-11-19 is a trading day.
 */
import {afterEach, expect, it} from 'vitest';
import {openAlertingHost} from '../helpers/alerting-host.js';
import {ManualClock} from '../helpers/manual-clock.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;

afterEach(() => {
	root?.remove();
});

it('keeps a heartbeat\'s last ping and told state across a restart: down stays down, untold again; the next ping is up', async () => {
	root = makeTempRoot({'config/jobs.yaml': 'warm_workers: 0\njobs:\n  - {id: py_export, cron: "0 16 * * *", calendar: trading-days, heartbeat: true, grace: 10m}\n'});
	const clock = new ManualClock(Date.parse('2026-11-19T15:00:00+08:00'));
	const first = await openAlertingHost(root.dir, clock);
	first.host.scheduler.ping('py_export', 'success');
	clock.advance(71 * 60_000);
	expect(first.alerts.map(alert => alert.kind)).toEqual(['heartbeat-late', 'heartbeat-down']);
	await first.host.close('cancel');

	clock.advance(10 * 60_000);
	const second = await openAlertingHost(root.dir, clock);
	try {
		const view = second.host.scheduler.snapshot().jobs[0]!;
		expect(view).toMatchObject({kind: 'heartbeat', heartbeat: {state: 'down', lastPingAt: Date.parse('2026-11-19T15:00:00+08:00')}, overdue: 'heartbeat down'});
		expect(second.alerts).toEqual([]);
		expect(second.host.scheduler.ping('py_export', 'success')).toMatchObject({state: 'up'});
		expect(second.alerts.map(alert => alert.kind)).toEqual(['heartbeat-up']);
	} finally {
		await second.host.close('cancel');
	}
});
