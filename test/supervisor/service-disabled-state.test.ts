/**
 * A disabled service (`enabled: false`) reads the same whether it ran before or not: `stopped`, never
 * `outside window` (which says its window is closed, false for an `always` one), from the scheduler's
 * start, after a reload that disables it while it is not running, and after one that stops it running.
 */
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

describe('a disabled service', () => {
	it('is stopped from the start, when disabled while outside its window, and when disabled while up; enabled again it starts in its window', async () => {
		const root = makeTempRoot({});
		const config = (idle: boolean, running: boolean) => `services:
  - {id: idle, command: ["sleep", "1000"], enabled: ${idle}}
  - {id: evening, command: ["sleep", "1000"], window: "20:00-21:00"}
  - {id: running, command: ["sleep", "1000"], enabled: ${running}}
`;
		const t = await startHost(config(false, true), {at: '2026-11-20T10:00:00+08:00', root});
		expect(t.view('idle')).toMatchObject({state: 'stopped', enabled: false, inWindow: true});
		await t.state('running', 'up');

		root.write('config/jobs.yaml', config(false, false).replace('window: "20:00-21:00"', 'window: "20:00-21:00", enabled: false'));
		expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		expect(t.view('evening')).toMatchObject({state: 'stopped', enabled: false});
		await t.state('running', 'stopped');

		root.write('config/jobs.yaml', config(true, false));
		expect(await t.host.handler('reload', {})).toMatchObject({ok: true});
		await t.state('idle', 'up');
		expect(t.view('evening')).toMatchObject({state: 'outside-window', enabled: true});
	});
});
