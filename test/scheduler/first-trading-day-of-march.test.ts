/**
 * The first trading day of March in a common year is found: 1 March 2027 (a Monday, with no closures
 * loaded for 2027) is the first trading day of its month and of its week. The day before 1 March was
 * worked out in leap year 2000 and moved to the year asked for (29 February 2027, which is 1 March), so
 * 1 March seemed to follow a trading day of its own month and week: `trading_day_of_month: 1` went from
 * 1 February to 1 April, `trading_day_of_week: 1` from 22 February to 2 March. The built CLI's `list`.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - {id: month_open, cron: "0 9 * * *", trading_day_of_month: 1, command: ["true"]}
  - {id: week_open, cron: "0 9 * * *", trading_day_of_week: 1, command: ["true"]}
`;

describe('the first trading day of March 2027', () => {
	it('is the first of its month and of its week', () => {
		const root = makeTempRoot({'config/jobs.yaml': jobsYaml});
		try {
			const listed = runCli(['list', '--json', '--from', '2027-01-20T00:00:00+08:00', '--count', '3', '--root', root.dir]);
			expect(listed.code).toBe(0);
			const next = Object.fromEntries((JSON.parse(listed.stdout) as Array<{id: string; next: string[]}>).map(job => [job.id, job.next]));
			expect(next.month_open).toEqual(['2027-02-01T09:00:00+08:00', '2027-03-01T09:00:00+08:00', '2027-04-01T09:00:00+08:00']);

			const weeks = runCli(['list', '--json', '--from', '2027-02-20T00:00:00+08:00', '--count', '3', '--root', root.dir]);
			const weekNext = (JSON.parse(weeks.stdout) as Array<{id: string; next: string[]}>).find(job => job.id === 'week_open')!.next;
			expect(weekNext).toEqual(['2027-02-22T09:00:00+08:00', '2027-03-01T09:00:00+08:00', '2027-03-08T09:00:00+08:00']);
		} finally {
			root.remove();
		}
	});
});
