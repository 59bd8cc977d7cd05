/**
 * A heartbeat job resumed after a pause (its own, or the whole scheduler's) expects its next ping on its
 * schedule from the resume, not from the last ping before the pause: the outside process, paused with
 * it for maintenance, is not told down at once for the pings nobody asked of it. Kept across a restart.
 * Before, the resume alerted `heartbeat-down` on the spot. A real host (SQLite file) on a fixed clock;
 * 2026-11-19 and 2026-11-20 are trading days.
 */
import {afterEach, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import {openAlertingHost} from '../helpers/alerting-host.js';
import {ManualClock} from '../helpers/manual-clock.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;

afterEach(() => {
	root?.remove();
});

const at = (iso: string) => Date.parse(`${iso}+08:00`);

/** py_export pings once a trading day by 16:00 (10 minutes' grace); it pinged at 15:00 on the 19th. */
async function pingedThenPaused(pause: (host: SchedulerHost) => void) {
	root = makeTempRoot({'config/jobs.yaml': 'warm_workers: 0\njobs:\n  - {id: py_export, cron: "0 16 * * *", calendar: trading-days, heartbeat: true, grace: 10m}\n'});
	const clock = new ManualClock(at('2026-11-19T15:00:00'));
	const opened = await openAlertingHost(root.dir, clock);
	opened.host.scheduler.ping('py_export', 'success');
	clock.advance(30 * 60_000);
	pause(opened.host);
	// Paused for maintenance past the 19th's expected ping and its grace, until the next morning.
	clock.advance(at('2026-11-20T10:00:00') - clock.now());
	return {...opened, clock};
}

const heartbeatOf = (host: SchedulerHost) => host.scheduler.snapshot().jobs.find(job => job.id === 'py_export')?.heartbeat;

it('a resumed heartbeat job expects its next ping from the resume: up, no alert, late and down only when that ping does not come', async () => {
	const {host, alerts, clock} = await pingedThenPaused(paused => paused.scheduler.setPaused('py_export', true));
	try {
		expect(heartbeatOf(host)?.state).toBe('paused');
		host.scheduler.setPaused('py_export', false);
		expect(heartbeatOf(host)).toMatchObject({state: 'up', lastPingAt: at('2026-11-19T15:00:00'), nextExpectedAt: at('2026-11-20T16:00:00')});
		expect(alerts).toEqual([]);

		clock.advance(at('2026-11-20T16:05:00') - clock.now());
		expect(alerts.map(alert => alert.kind)).toEqual(['heartbeat-late']);
		clock.advance(6 * 60_000);
		expect(alerts.map(alert => alert.kind)).toEqual(['heartbeat-late', 'heartbeat-down']);
	} finally {
		await host.close('cancel');
	}
});

it('so does one the scheduler\'s pause held, and a restart after the resume keeps it', async () => {
	const {host, alerts, clock} = await pingedThenPaused(paused => paused.scheduler.setSchedulerPaused(true));
	host.scheduler.setSchedulerPaused(false);
	expect(heartbeatOf(host)).toMatchObject({state: 'up', nextExpectedAt: at('2026-11-20T16:00:00')});
	expect(alerts).toEqual([]);
	await host.close('cancel');

	clock.advance(at('2026-11-20T12:00:00') - clock.now());
	const second = await openAlertingHost(root!.dir, clock);
	try {
		expect(heartbeatOf(second.host)).toMatchObject({state: 'up', nextExpectedAt: at('2026-11-20T16:00:00')});
		expect(second.alerts).toEqual([]);
	} finally {
		await second.host.close('cancel');
	}
});
