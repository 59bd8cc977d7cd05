import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {zoneRules} from '../../src/time/zone-rules.js';
import {formatZonedIso, zonedInstant, zonedParts} from '../../src/time/zoned-time.js';

const hour = 3_600_000;

describe('zone offsets from the zone database, for any year', () => {
	it('knows offsets far from now (tzdata facts)', () => {
		// China kept DST from 1986 to 1991: a near-now fixed +08:00 would be an hour off.
		expect(zoneRules('Asia/Shanghai').offsetAt(Date.parse('1988-07-01T00:00:00Z'))).toBe(9 * hour);
		expect(zoneRules('Asia/Shanghai').offsetAt(Date.parse('1992-07-01T00:00:00Z'))).toBe(8 * hour);
		// British Standard Time: the UK stayed on +01:00 from 1968 to 1971.
		expect(zoneRules('Europe/London').offsetAt(Date.parse('1970-01-15T00:00:00Z'))).toBe(hour);
		// Moscow was +04:00 all year from 2011 to 2014.
		expect(zoneRules('Europe/Moscow').offsetAt(Date.parse('2013-01-15T00:00:00Z'))).toBe(4 * hour);
		// Far ahead, the zone's standing rule: New York is on EDT in July 2150.
		expect(zoneRules('America/New_York').offsetAt(Date.parse('2150-07-01T00:00:00Z'))).toBe(-4 * hour);
		expect(zonedParts(Date.parse('1988-07-01T00:00:00Z'), 'Asia/Shanghai').hour).toBe(9);
	});

	it('finds each change to the second, half-hour and 45-minute zones included', () => {
		const year = (zone: string, y: number) => zoneRules(zone).transitionsBetween(Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1))
			.map(t => [new Date(t.at).toISOString(), (t.after - t.before) / 60_000]);
		expect(year('America/New_York', 2026)).toEqual([['2026-03-08T07:00:00.000Z', 60], ['2026-11-01T06:00:00.000Z', -60]]);
		// Lord Howe moves by 30 minutes, at 02:00 local both ways.
		expect(year('Australia/Lord_Howe', 2026)).toEqual([['2026-04-04T15:00:00.000Z', -30], ['2026-10-03T15:30:00.000Z', 30]]);
		// Chatham changes at 02:45 standard time (03:45 daylight time).
		expect(year('Pacific/Chatham', 2026)).toEqual([['2026-04-04T14:00:00.000Z', -60], ['2026-09-26T14:00:00.000Z', 60]]);
		expect(year('Asia/Shanghai', 2026)).toEqual([]);
	});

	it('resolves a wall time in a gap forward by the gap, and one that repeats to both instants', () => {
		const ny = zoneRules('America/New_York');
		expect(ny.resolveWall(Date.UTC(2026, 2, 8, 2, 30))).toMatchObject({kind: 'gap', shifted: Date.parse('2026-03-08T07:30:00Z')});
		expect(ny.resolveWall(Date.UTC(2026, 10, 1, 1, 30))).toEqual({kind: 'overlap', first: Date.parse('2026-11-01T05:30:00Z'), second: Date.parse('2026-11-01T06:30:00Z')});
		expect(ny.resolveWall(Date.UTC(2026, 6, 1, 12))).toEqual({kind: 'single', at: Date.parse('2026-07-01T16:00:00Z')});
		// Before, a gap time was moved earlier (01:30 EST); now it is 03:30 EDT, as APScheduler reads it.
		expect(zonedInstant('2026-03-08', 'America/New_York', 2, 30).toISOString()).toBe('2026-03-08T07:30:00.000Z');
	});

	it('prints milliseconds when there are any', () => {
		expect(formatZonedIso(Date.parse('2026-11-20T00:00:00.250Z'), 'Asia/Shanghai')).toBe('2026-11-20T08:00:00.250+08:00');
		expect(formatZonedIso(Date.parse('2026-11-20T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-20T05:30:00+05:30');
	});

	const python = '/usr/bin/python3';
	const hasZoneinfo = spawnSync(python, ['-c', 'import zoneinfo'], {encoding: 'utf8'}).status === 0;
	it.skipIf(!hasZoneinfo)('agrees with Python\'s zoneinfo (the system tzdata) on 1,500 instants from 1970 to 2199 (needs /usr/bin/python3)', () => {
		const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Shanghai', 'America/Sao_Paulo', 'Europe/Moscow', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Sydney'];
		let seed = 24;
		const random = () => {
			seed = ((seed * 1_103_515_245) + 12_345) % 2_147_483_648;
			return seed / 2_147_483_648;
		};

		const span = Date.UTC(2200, 0, 1) - Date.UTC(1970, 0, 1);
		const cases = Array.from({length: 1500}, (_, i) => [zones[i % zones.length]!, Math.floor((Date.UTC(1970, 0, 1) + (random() * span)) / 1000) * 1000] as const);
		const script = 'import json,sys\nfrom datetime import datetime\nfrom zoneinfo import ZoneInfo\nprint(json.dumps([int(datetime.fromtimestamp(t/1000, ZoneInfo(z)).utcoffset().total_seconds()) for z,t in json.load(sys.stdin)]))';
		const peer = spawnSync(python, ['-c', script], {input: JSON.stringify(cases), encoding: 'utf8'});
		expect(peer.stderr).toBe('');
		const theirs = JSON.parse(peer.stdout) as number[];
		const ours = cases.map(([zone, at]) => zoneRules(zone).offsetAt(at) / 1000);
		const differing = cases.filter((_, i) => ours[i] !== theirs[i]).map(([zone, at], i) => `${zone} ${new Date(at).toISOString()}: ${ours[i]} vs ${theirs[i]}`);
		expect(differing).toEqual([]);
	}, 60_000);
});
