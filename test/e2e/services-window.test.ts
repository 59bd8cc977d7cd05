/**
 * Services in their window, end to end: a real SchedulerHost with a fixed clock, a real process per
 * start, real signals, real SQLite. A quote collector up from 5 minutes before the 09:15 auction to 5
 * minutes after the 15:00 close, on trading days only.
 */
import {describe, expect, it} from 'vitest';
import {isAlive, processesWith, trackServiceHosts} from '../supervisor/service-host.js';
import {sessionCollectorRoot} from '../supervisor/session-collector.js';

const startHost = trackServiceHosts();

describe('a service in a trading-session window', () => {
	it('starts at its window start on a trading day and is stopped at its end, each start a run in history', async () => {
		const {root, script, jobsYaml} = sessionCollectorRoot();
		// Given Friday 2026-11-20, a trading day, at 09:00
		const t = await startHost(jobsYaml, {at: '2026-11-20T09:00:00+08:00', root});
		const before = t.view('quotes');
		expect(before).toMatchObject({state: 'outside-window', inWindow: false, window: 'session 09:10–15:05 · trading days', nextStartAt: Date.parse('2026-11-20T09:10:00+08:00')});
		expect(processesWith(script)).toEqual([]);

		// When the clock reaches 09:10
		t.clock.advance(10 * 60_000);
		const up = await t.state('quotes', 'up');
		expect(up.pid).toBeGreaterThan(0);
		expect(isAlive(up.pid!)).toBe(true);
		expect(processesWith(script)).toEqual([up.pid]);
		expect(up.closesAt).toBe(Date.parse('2026-11-20T15:05:00+08:00'));
		const [running] = await t.runs('quotes');
		expect(running).toMatchObject({jobId: 'quotes', trigger: 'service', status: 'running', attempt: 1, tradeDate: '2026-11-20', startedAt: Date.parse('2026-11-20T09:10:00+08:00'), message: 'window start'});

		// And through the lunch break to 15:05
		t.clock.advance((5 * 3600 + 54 * 60) * 1000);
		expect(t.view('quotes').state).toBe('up');
		t.clock.advance(60_000);
		const after = await t.state('quotes', 'outside-window');
		expect(isAlive(up.pid!)).toBe(false);
		expect(processesWith(script)).toEqual([]);
		expect(after.nextStartAt).toBe(Date.parse('2026-11-23T09:10:00+08:00'));
		const [ended] = await t.runs('quotes');
		expect(ended).toMatchObject({status: 'success', finishedAt: Date.parse('2026-11-20T15:05:00+08:00'), result: {stop: 'window-end', signal: 'SIGTERM'}});
		expect(ended!.durationMs).toBe(((5 * 60) + 55) * 60_000);
	});

	it('is not started on an exchange holiday: after 2026-09-30 the next window is on 2026-10-08', async () => {
		const {root, script, jobsYaml} = sessionCollectorRoot();
		const t = await startHost(jobsYaml, {at: '2026-09-30T15:06:00+08:00', root});
		expect(t.view('quotes')).toMatchObject({state: 'outside-window', nextStartAt: Date.parse('2026-10-08T09:10:00+08:00')});

		// National Day (a Thursday): no window, nothing runs
		t.clock.advance(Date.parse('2026-10-01T12:00:00+08:00') - t.clock.now());
		expect(t.view('quotes').state).toBe('outside-window');
		expect(processesWith(script)).toEqual([]);
		expect(await t.runs('quotes')).toEqual([]);

		// The first trading day after it
		t.clock.advance(Date.parse('2026-10-08T09:10:00+08:00') - t.clock.now());
		const up = await t.state('quotes', 'up');
		expect(processesWith(script)).toEqual([up.pid]);
		expect(await t.runs('quotes')).toMatchObject([{status: 'running', tradeDate: '2026-10-08'}]);
	});

	it('a manual stop holds until the next window; a manual start outside the window lasts until the end of the next one', async () => {
		const {root, script, jobsYaml} = sessionCollectorRoot();
		const t = await startHost(jobsYaml, {at: '2026-11-20T09:10:00+08:00', root});
		await t.state('quotes', 'up');
		t.clock.advance(3_600_000);
		expect(await t.host.handler('stop-service', {serviceId: 'quotes'})).toMatchObject({ok: true});
		const stopped = await t.state('quotes', 'stopped');
		expect(stopped.note).toBe('manual stop: held until a manual start or the next window');
		// Held through the rest of the session, and across a restart of the scheduler.
		t.clock.advance(3_600_000);
		await t.close();
		const again = await startHost(jobsYaml, {at: '2026-11-20T12:10:00+08:00', root});
		expect(again.view('quotes').state).toBe('stopped');
		expect(processesWith(script)).toEqual([]);
		// The window closes: out of it; Monday's window starts it.
		again.clock.advance(Date.parse('2026-11-20T15:05:00+08:00') - again.clock.now());
		await again.state('quotes', 'outside-window');
		again.clock.advance(Date.parse('2026-11-23T09:10:00+08:00') - again.clock.now());
		await again.state('quotes', 'up');

		// Monday 20:00: started by hand outside its window, stopped by hand, and Tuesday's window starts it again.
		again.clock.advance(Date.parse('2026-11-23T20:00:00+08:00') - again.clock.now());
		await again.state('quotes', 'outside-window');
		expect(await again.host.handler('start-service', {serviceId: 'quotes'})).toMatchObject({ok: true});
		const manual = await again.state('quotes', 'up');
		expect(manual.closesAt).toBe(Date.parse('2026-11-24T15:05:00+08:00'));
		again.clock.advance(3_600_000);
		expect(await again.host.handler('stop-service', {serviceId: 'quotes'})).toMatchObject({ok: true});
		await again.state('quotes', 'stopped');
		again.clock.advance(Date.parse('2026-11-24T09:10:00+08:00') - again.clock.now());
		const tuesday = await again.state('quotes', 'up');
		expect(processesWith(script)).toEqual([tuesday.pid]);
		// Up through the session from there, and stopped at its end.
		again.clock.advance(Date.parse('2026-11-24T15:05:00+08:00') - again.clock.now());
		await again.state('quotes', 'outside-window');
		expect(processesWith(script)).toEqual([]);
	});
});
