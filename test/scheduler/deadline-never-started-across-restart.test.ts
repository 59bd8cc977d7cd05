/**
 * A deadline missed with no run at all ("never started") and told stays missed across a scheduler
 * restart: the job row keeps `overdue`, the restart does not tell it again, and the success that makes
 * it up sends `deadline-met`. The told deadline is kept in the database; before, the restart forgot it
 * (only a deadline missed by a failed run was found again, from history), so the phone that heard
 * "never started" never heard the job caught up. A real host (SQLite file) on a fixed clock;
 * 2026-11-20 is a Friday and a trading day.
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

const overdueOf = (host: SchedulerHost) => host.scheduler.snapshot().jobs.find(job => job.id === 'bars')?.overdue;

it('a deadline missed with no run, told before a restart, is still overdue after it, untold again; the late success sends deadline-met', async () => {
	// bars fires at 16:30 and must succeed by 17:30; it succeeds once the file bars-ok is in the root.
	root = makeTempRoot({'config/jobs.yaml': 'warm_workers: 0\njobs:\n  - {id: bars, cron: "30 16 * * *", calendar: trading-days, command: ["sh", "-c", "test -e bars-ok"], deadline: "17:30"}\n'});
	// Given: the scheduler came up at 16:40, after the fire, so bars never ran, and 17:30 passed.
	const clock = new ManualClock(at('2026-11-20T16:40:00'));
	const first = await openAlertingHost(root.dir, clock);
	clock.advance(at('2026-11-20T17:31:00') - clock.now());
	expect(first.alerts.map(alert => [alert.kind, alert.reason])).toEqual([['deadline-missed', 'never started']]);
	await first.host.close('cancel');

	// When: it restarts at 17:40 and the mended job then succeeds.
	clock.advance(9 * 60_000);
	const second = await openAlertingHost(root.dir, clock);
	try {
		expect(overdueOf(second.host)).toBe('deadline missed (2026-11-20)');
		expect(second.alerts).toEqual([]);
		root.write('bars-ok', '');
		const submitted = second.host.scheduler.submit('bars');
		expect((await second.host.scheduler.whenFinished(submitted.ok ? submitted.run.id : Number.NaN))?.status).toBe('success');

		// Then: the phone hears it caught up, and the job is no longer overdue, after another restart too.
		expect(second.alerts.map(alert => [alert.kind, alert.day])).toEqual([['deadline-met', '2026-11-20']]);
		expect(overdueOf(second.host)).toBeUndefined();
	} finally {
		await second.host.close('cancel');
	}

	const third = await openAlertingHost(root.dir, clock);
	try {
		expect(overdueOf(third.host)).toBeUndefined();
		expect(third.alerts).toEqual([]);
	} finally {
		await third.host.close('cancel');
	}
});
