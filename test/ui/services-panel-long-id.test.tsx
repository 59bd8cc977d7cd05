/**
 * A service id longer than the services panel's id column (24 cells) was cut into the whole column,
 * its blank included, and ran into the state: `○ strategy_process_with_a_…outside window`. The cut id
 * keeps a blank after it, so the state reads apart. The panel as Ink draws it, with services as the
 * snapshot gives them.
 */
import {renderedRows} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import type {ServiceView} from '../../src/protocol/snapshot.js';
import {ServicesPanel} from '../../src/ui/panels/services-panel.js';

const now = Date.parse('2026-12-07T04:40:33+08:00');
const service = (id: string, fields: Partial<ServiceView> = {}): ServiceView => ({
	id, name: id, state: 'up', since: now - 7000, enabled: true, window: 'always', inWindow: true, restartsToday: 0, ...fields,
});

describe('a service whose id is longer than its column', () => {
	it('keeps a blank between its cut id and its state, outside its window and up alike', () => {
		const services = [
			service('gateway', {pid: 13_085, runId: 3, upSince: now - 7000, memoryMb: 3}),
			service('strategy_process_with_a_very_long_identifier_name', {state: 'outside-window', since: now - 60_000, window: 'trading-session', inWindow: false, nextStartAt: now + 4 * 3_600_000}),
			service('quote_collector_for_the_level_one_feed', {pid: 13_090, runId: 4, upSince: now - 5000, memoryMb: 12}),
		];
		const rows = renderedRows(<ServicesPanel services={services} cursor={0} focused={false} width={80} height={services.length + 1} now={now}/>);
		expect(rows[2]).toMatch(/^ ○ strategy_process_with_a… outside window /);
		expect(rows[3]).toMatch(/^ ● quote_collector_for_the… up /);
		// The columns after the id stay where the short id's row has them.
		expect(rows[3]!.indexOf(' up ')).toBe(rows[1]!.indexOf(' up '));
	});
});
