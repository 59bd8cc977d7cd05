/**
 * A reload of config/calendar.yaml reaches the services' windows: an emergency closure added for today
 * stops a service in its trading-session window, and the closure taken back starts it again; a day that
 * becomes open before its window has the window's start planned for it. A real SchedulerHost with a
 * fixed clock, real processes, real SQLite, the real `reload` request.
 */
import {describe, expect, it} from 'vitest';
import {isAlive, processesWith, trackServiceHosts, type ServiceHost} from './service-host.js';
import {sessionCollectorRoot} from './session-collector.js';

const startHost = trackServiceHosts();

/** config/calendar.yaml saved with `closures`, then `sage-console reload` (the watcher may apply it first: the same). */
async function reloadCalendar(t: ServiceHost, closures: string[]): Promise<void> {
	t.root.write('config/calendar.yaml', `closures: [${closures.join(', ')}]\n`);
	expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
}

function logged(t: ServiceHost): string[] {
	return t.host.scheduler.tail.newest(200, 0, () => true).map(line => line.msg);
}

describe('a calendar reload re-plans the services\' windows', () => {
	it('an emergency closure for today stops the service in its window, saying why; the closure taken back starts it again', async () => {
		const {root, script, jobsYaml} = sessionCollectorRoot();
		// Given Friday 2026-11-20, a trading day, at 10:00: the collector is up since 09:10
		const t = await startHost(jobsYaml, {at: '2026-11-20T10:00:00+08:00', root});
		const up = await t.state('quotes', 'up');

		// When an emergency closure for today is added and reloaded
		await reloadCalendar(t, ['2026-11-20']);

		// Then it is stopped now, not at 15:05 or at the next restart, and the log and its run say why
		const stopped = await t.state('quotes', 'outside-window');
		expect(isAlive(up.pid!)).toBe(false);
		expect(processesWith(script)).toEqual([]);
		expect(stopped.nextStartAt).toBe(Date.parse('2026-11-23T09:10:00+08:00'));
		expect(logged(t)).toContain('service quotes: 2026-11-20 is now closed (calendar reload): stopping it');
		const [ended] = await t.runs('quotes');
		expect(ended).toMatchObject({status: 'success', message: 'stopped: 2026-11-20 is now closed (calendar reload)', result: {stop: 'calendar'}});

		// And later that day it stays down
		t.clock.advance(60 * 60_000);
		expect(t.view('quotes').state).toBe('outside-window');
		expect(processesWith(script)).toEqual([]);

		// When the closure is taken back: today's window is open again, and the collector starts at once
		await reloadCalendar(t, []);
		const again = await t.state('quotes', 'up');
		expect(processesWith(script)).toEqual([again.pid]);
		expect(again.closesAt).toBe(Date.parse('2026-11-20T15:05:00+08:00'));
		expect(logged(t)).toContain('service quotes: 2026-11-20 is now open (calendar reload): starting it');
		const runs = await t.runs('quotes');
		expect(runs).toHaveLength(2);
		expect(runs[1]).toMatchObject({status: 'running', tradeDate: '2026-11-20', message: '2026-11-20 is now open (calendar reload)'});
	});

	it('a day that was closed when the scheduler started and is opened by a reload gets its window: the service starts at 09:10', async () => {
		const {root, script, jobsYaml} = sessionCollectorRoot({'config/calendar.yaml': 'closures: [2026-11-20]\n'});
		// Given Friday 2026-11-20 at 09:00, closed by config/calendar.yaml: the next window is on Monday
		const t = await startHost(jobsYaml, {at: '2026-11-20T09:00:00+08:00', root});
		expect(t.view('quotes')).toMatchObject({state: 'outside-window', nextStartAt: Date.parse('2026-11-23T09:10:00+08:00')});

		// When the closure is taken back before the window
		await reloadCalendar(t, []);
		expect(t.view('quotes')).toMatchObject({state: 'outside-window', nextStartAt: Date.parse('2026-11-20T09:10:00+08:00')});

		// Then the window's start is planned for today: at 09:10 the collector is up
		t.clock.advance(10 * 60_000);
		const up = await t.state('quotes', 'up');
		expect(processesWith(script)).toEqual([up.pid]);
		expect(await t.runs('quotes')).toMatchObject([{status: 'running', tradeDate: '2026-11-20', startedAt: Date.parse('2026-11-20T09:10:00+08:00'), message: 'window start'}]);
	});
});
