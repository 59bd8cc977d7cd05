/**
 * A service in backoff has no process: its pid and memory cells are blank. At 80 columns its last exit,
 * in the column after them, was cut (`11-19 10:14:21 SI…`) beside those blanks; it now moves left into
 * them as far as it needs to read whole, and stays in its column when it fits there. The panel as Ink
 * draws it (ink-testing-library), with services as the snapshot gives them.
 */
import {renderedRows} from '../helpers/rendered-rows.js';
import {describe, expect, it} from 'vitest';
import type {ServiceView} from '../../src/protocol/snapshot.js';
import {ServicesPanel} from '../../src/ui/panels/services-panel.js';

const now = Date.parse('2026-11-20T10:15:30+08:00');

const service = (id: string, fields: Partial<ServiceView> = {}): ServiceView => ({
	id, name: id, state: 'up', since: now - 65_000, enabled: true, window: 'always', inWindow: true, restartsToday: 0, ...fields,
});
const exit = (iso: string, how: {exitCode?: number; signal?: string}) => ({at: Date.parse(iso), runId: 5, status: 'failed' as const, message: 'exited', ...how});

const quotes = service('quotes', {pid: 48211, runId: 7, upSince: now - 64_000, restartsToday: 1, memoryMb: 38, maxMemoryMb: 512, lastExit: exit('2026-11-20T10:14:21+08:00', {exitCode: 1})});
const backoff = (id: string, lastExit: ServiceView['lastExit']) => service(id, {state: 'backoff', upSince: undefined, nextStartAt: now + 4000, restartsToday: 3, lastExit});

function panelRows(services: ServiceView[], width: number): string[] {
	return renderedRows(<ServicesPanel services={services} cursor={0} focused={false} width={width} height={services.length + 1} now={now}/>);
}

describe('a service in backoff\'s last exit at 80 columns', () => {
	it('reads whole in the blank pid and memory cells when its column would cut it', () => {
		const rows = panelRows([quotes, backoff('broker_gateway', exit('2026-11-19T10:14:21+08:00', {signal: 'SIGKILL'}))], 80);
		expect(rows[1]).toMatch(/^ ● quotes +up +up 1m04s +↺1 pid 48211 38M\/512M 10:14:21 exit 1/);
		expect(rows[2]).toMatch(/^ ↻ broker_gateway backoff restart in 4s ↺3 +11-19 10:14:21 SIGKILL( |$)/);
		expect(rows[2]).not.toContain('…');
		expect(rows[2]!.length).toBeLessThanOrEqual(80);
	});

	it('stays in its column when it fits there', () => {
		const rows = panelRows([quotes, backoff('gateway', exit('2026-11-20T10:15:00+08:00', {exitCode: 2}))], 80);
		const column = (row: string) => row.search(/\d\d:\d\d:\d\d exit/);
		expect(rows[2]).toContain('10:15:00 exit 2');
		expect(column(rows[2]!)).toBe(column(rows[1]!));
	});
});
