/**
 * A service's window as status, the console and the API show it: times in a zone other than the root's
 * `timezone:` name that zone, so "20:15–20:16" of New York is not read as the root's Shanghai time.
 */
import {describe, expect, it} from 'vitest';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a service window in another zone', () => {
	it('names its zone; a window in the root\'s zone does not', async () => {
		const t = await startHost(`timezone: Asia/Shanghai
services:
  - id: ny
    command: ["sleep", "1000"]
    window: "20:15-20:16"
    timezone: America/New_York
  - id: local
    command: ["sleep", "1000"]
    window: "08:00-08:30"
  - id: session
    command: ["sleep", "1000"]
    window: trading-session
`, {at: '2026-11-20T09:00:00+08:00'});
		expect(t.view('ny').window).toBe('20:15–20:16 · every day · America/New_York');
		expect(t.view('local').window).toBe('08:00–08:30 · every day');
		expect(t.view('session').window).toBe('session 09:15–15:00 · trading days');
	});

	it('names Asia/Shanghai for the trading session when the root keeps another zone', async () => {
		const t = await startHost(`timezone: Europe/London
services:
  - id: session
    command: ["sleep", "1000"]
    window: trading-session
`, {at: '2026-11-20T00:00:00Z'});
		expect(t.view('session').window).toBe('session 09:15–15:00 · trading days · Asia/Shanghai');
	});
});
