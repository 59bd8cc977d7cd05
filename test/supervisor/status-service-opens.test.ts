/**
 * `status` gives a service outside its window when the window opens, as the console's "opens in 42m"
 * does: `window session 09:10–15:05 · trading days, opens 09:10 (in 10m)`, the day too when it is not
 * today. It gave the window alone, so an operator reading status before the open could not tell whether
 * the collector would start in ten minutes or on Monday. The view is a real host's (fixed clock; the
 * service's script is never started outside its window); the table is status's own.
 */
import {expect, it} from 'vitest';
import {servicesTable} from '../../src/cli/commands/service-commands.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

const collector = `services:
  - id: quotes
    command: ["sh", "-c", "while :; do sleep 1; done"]
    window: trading-session
    lead: 5m
    lag: 5m
`;

const noteOf = (table: string) => table.split('\n').find(line => line.startsWith('quotes '))?.replace(/^.* {2}(?=window )/, '');

it('says when the window opens: today by its time, another day by its date too', async () => {
	// Friday 2026-11-20, a trading day, at 09:00: the window opens at 09:10.
	const morning = await startHost(collector, {at: '2026-11-20T09:00:00+08:00'});
	expect(morning.view('quotes').state).toBe('outside-window');
	expect(noteOf(servicesTable([morning.view('quotes')], morning.clock.now(), 'Asia/Shanghai'))).toBe('window session 09:10–15:05 · trading days, opens 09:10 (in 10m)');
	await morning.close();

	// The same Friday evening: the next window is Monday's.
	const evening = await startHost(collector, {at: '2026-11-20T18:00:00+08:00'});
	expect(noteOf(servicesTable([evening.view('quotes')], evening.clock.now(), 'Asia/Shanghai'))).toBe('window session 09:10–15:05 · trading days, opens 11-23 09:10 (in 2d 15h)');
});
