/**
 * A heartbeat job's row in the jobs panel through its states, on a real scheduler with the clock in the
 * test's hand: LAST is its state and last ping (it said "never run"), NEXT the ping it expects (before
 * the first ping its schedule's next time; it said "—"), counting how long overdue once the ping is late.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const size = {columns: 120, rows: 30};

const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - {id: py_macro_export, cron: "0 13 * * *", heartbeat: true, grace: 30m}
  - {id: backup_db, cron: "30 2 * * *", command: ["true"]}
`;

describe('a heartbeat job in the jobs panel', () => {
	it('goes new, up, late, down and paused, NEXT the ping it expects', async () => {
		const c = await open(jobsYaml, {size, now: Date.parse('2026-11-20T12:34:30+08:00')});
		// Given it was never pinged: its schedule's next time, and no ping yet
		const never = await c.see(/py_macro_export .* 13:00 in 25m +new, no ping yet/);
		expect(never).not.toMatch(/py_macro_export .*(never run|—)/);

		// When its outside process pings: up, the next ping expected at 13:00
		c.t.scheduler.ping('py_macro_export', 'success');
		await c.see(/py_macro_export .* 13:00 in 25m +✓ up 12:34/);

		// When 13:00 passes without a ping: late, NEXT says for how long
		c.t.clock.advance(30 * 60_000);
		await c.see(/py_macro_export .* 13:00 4m overdue +⧗ late 12:34/);

		// Past its grace too: down
		c.t.clock.advance(30 * 60_000);
		await c.see(/py_macro_export .* 13:00 34m overdue +✗ down 12:34/);

		// Paused: NEXT says so, LAST keeps its last ping
		c.t.scheduler.setPaused('py_macro_export', true);
		const paused = await c.see(/py_macro_export .*⏸ paused +pinged 12:34/);
		expect(paused).toMatch(/backup_db .* never run/);
	});
});
