import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {translateApsFields, type ApsFields} from '../../src/config/aps-cron-fields.js';
import {baseSchedule} from '../../src/core/triggers/base-schedule.js';
import {nextFireTimes} from '../../src/core/triggers/job-schedule.js';

const script = fileURLToPath(new URL('../fixtures/aps_fire_times.py', import.meta.url));
const python = '/usr/bin/python3';
const hasApscheduler = spawnSync(python, ['-c', 'import apscheduler'], {encoding: 'utf8'}).status === 0;

const cases: Array<{fields: ApsFields; from: string}> = [
	{fields: {day_of_week: 'mon', hour: 9, minute: 0}, from: '2026-11-20T10:00:00+08:00'},
	{fields: {day_of_week: '0-4', hour: 16, minute: 30}, from: '2026-11-20T17:00:00+08:00'},
	{fields: {day_of_week: 'sat,sun', hour: 3}, from: '2026-11-20T00:00:00+08:00'},
	{fields: {day_of_week: '*/2', hour: 12}, from: '2026-11-20T00:00:00+08:00'},
	{fields: {hour: '9-11', minute: '*/20'}, from: '2026-11-20T08:00:00+08:00'},
	{fields: {minute: 15}, from: '2026-11-20T10:20:00+08:00'},
	{fields: {month: '3,6', day: 15}, from: '2026-11-20T00:00:00+08:00'},
	{fields: {day: 'last', hour: 18}, from: '2026-11-20T00:00:00+08:00'},
	{fields: {day: '2nd tue', hour: 8}, from: '2026-11-20T00:00:00+08:00'},
	{fields: {day: '1-7', day_of_week: 'fri', hour: 15}, from: '2026-11-20T00:00:00+08:00'},
	{fields: {week: '1,27', day_of_week: 'wed', hour: 10}, from: '2026-11-20T00:00:00+08:00'},
	{fields: {second: '*/15', minute: 0, hour: 0}, from: '2026-11-20T00:00:00+08:00'},
	{fields: {year: 2027, month: 1}, from: '2026-11-20T00:00:00+08:00'},
	{fields: {hour: 2, minute: 30}, from: '2026-03-07T00:00:00-05:00'},
];

describe.skipIf(!hasApscheduler)('APScheduler CronTrigger, side by side (python3-apscheduler)', () => {
	it('gives the same fire times for the same fields', () => {
		const timeZone = (from: string) => (from.endsWith('-05:00') ? 'America/New_York' : 'Asia/Shanghai');
		const count = 6;
		const input = cases.map(c => ({fields: c.fields, from: c.from, timezone: timeZone(c.from), count}));
		const peer = spawnSync(python, [script], {input: JSON.stringify(input), encoding: 'utf8'});
		expect(peer.stderr).toBe('');
		// Compared as instants: APScheduler 3 prints a time in a DST gap unnormalised (02:30-05:00 is 03:30-04:00).
		const expected = (JSON.parse(peer.stdout) as string[][]).map(times => times.map(time => new Date(time).toISOString()));
		const ours = cases.map(c => {
			const translated = translateApsFields(c.fields);
			if (!translated.ok) {
				throw new Error(translated.message);
			}

			const schedule = baseSchedule({kind: 'cron', pattern: translated.pattern, andDays: true, isoWeeks: translated.isoWeeks, description: ''}, timeZone(c.from), new Date(0));
			// APScheduler's first fire may equal its start instant; ours is strictly after the given one.
			return nextFireTimes(schedule, new Date(Date.parse(c.from) - 1), count).map(time => time.toISOString());
		});
		expect(ours).toEqual(expected);
	});
});
