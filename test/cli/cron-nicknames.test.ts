/**
 * `cron: "@…"` read by the built CLI's `validate`: croner 11's nicknames load; any other `@` word is said
 * to be none, with the nicknames there are (croner alone says it needs "five, six, or seven space
 * separated parts"), and `@every` (robfig/cron's) points at `trigger: interval` with its fields.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const job = (id: string, cron: string) => `  - {id: ${id}, cron: "${cron}", command: ["true"]}\n`;

describe('cron nicknames', () => {
	it('@every, unknown @ words, @reboot and a nickname with more after it are problems that say what to write', () => {
		const root = makeTempRoot({'config/jobs.yaml': `jobs:\n${job('a', '@every 5m')}${job('b', '@every 1h30m')}${job('c', '@fortnightly')}${job('d', '@reboot')}${job('e', '@daily 5')}`});
		const validate = runCli(['validate'], {cwd: root.dir});
		expect(validate.code).toBe(1);
		expect(validate.stderr).toBe([
			'config/jobs.yaml:2:19: bad cron "@every 5m": @every is not a cron nickname: for a fixed interval write trigger: interval with minutes: 5 (instead of cron:)',
			'config/jobs.yaml:3:19: bad cron "@every 1h30m": @every is not a cron nickname: for a fixed interval write trigger: interval with hours: 1, minutes: 30 (instead of cron:)',
			'config/jobs.yaml:4:19: bad cron "@fortnightly": @fortnightly is not a cron nickname; the nicknames are @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, or give 5 fields (minute hour day month weekday) or 6 (seconds first)',
			'config/jobs.yaml:5:19: bad cron "@reboot": @reboot is not supported: schedules here fire by the clock, not when the box starts',
			'config/jobs.yaml:6:19: bad cron "@daily 5": @daily stands alone: nothing may follow it',
			'5 problems; nothing was loaded from this file',
			'',
		].join('\n'));
		expect(validate.stderr).not.toContain('seven');
		root.remove();
	});

	it('croner\'s nicknames, in any case, load and list as the times they stand for', () => {
		const root = makeTempRoot({'config/jobs.yaml': `jobs:\n${job('daily', '@DAILY')}${job('hourly', '@hourly')}${job('weekly', '@weekly')}`});
		expect(runCli(['validate'], {cwd: root.dir}).code).toBe(0);
		const listed = JSON.parse(runCli(['list', '--json', '--count', '1', '--from', '2026-12-07T08:30:00+08:00'], {cwd: root.dir}).stdout) as Array<{id: string; next: string[]}>;
		expect(listed.map(({id, next}) => [id, next[0]])).toEqual([['daily', '2026-12-08T00:00:00+08:00'], ['hourly', '2026-12-07T09:00:00+08:00'], ['weekly', '2026-12-13T00:00:00+08:00']]);
		root.remove();
	});
});
