/**
 * `list` marks a trading-calendar job's fire times in a year whose exchange closures are not loaded (next
 * year's, before the exchanges' December notice is added to config/calendar.yaml): there every weekday
 * counts as a trading day, so 1 January shows as a fire of a "trading days" job. The header warns in
 * December; `list`, where an operator looks for next fire times, said nothing. Years far ahead are used
 * (2099's closures given in calendar.yaml, 2100's not) so the test holds whatever years ship.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {rootForTest} from '../helpers/test-root.js';

const jobsYaml = `jobs:
  - {id: bars, cron: "30 16 * * 1-5", calendar: trading-days, command: ["true"]}
  - {id: monthly, trigger: cron, hour: 9, trading_day_of_month: 1, command: ["true"]}
  - {id: weekdays, cron: "0 17 * * 1-5", command: ["true"]}
`;

describe('list and a year with no exchange closures loaded', () => {
	it('marks a trading-calendar job\'s times in that year and says what it means; a plain weekday job\'s times are not marked', () => {
		const root = rootForTest({'config/jobs.yaml': jobsYaml, 'config/calendar.yaml': 'years:\n  2099: [2099-12-31]\n'});
		const table = runCli(['list', '--from', '2099-12-29', '--count', '3', '--root', root.dir]);
		expect(table.code).toBe(0);
		const lines = table.stdout.split('\n');
		expect(lines.filter(line => line.includes(' !'))).toEqual([
			expect.stringMatching(/^ +2100-01-01 16:30:00\+08:00 !$/),
			expect.stringMatching(/^monthly .* 2100-01-01 09:00:00\+08:00 ! +active$/),
			expect.stringMatching(/^ +2100-02-01 09:00:00\+08:00 !$/),
			expect.stringMatching(/^ +2100-03-01 09:00:00\+08:00 !$/),
		]);
		expect(table.stdout).toMatch(/^ +2099-12-30 16:30:00\+08:00$/m);
		expect(table.stdout).toMatch(/^ +2099-12-31 17:00:00\+08:00$/m);
		expect(table.stdout).toContain('\n! a trading-calendar job\'s time in 2100, for which no exchange closures are loaded: every weekday counts as a trading day there (holidays included) until they are added to config/calendar.yaml\n');

		const json = JSON.parse(runCli(['list', '--json', '--from', '2099-12-29', '--count', '3', '--root', root.dir]).stdout) as Array<{id: string; no_closures_loaded_for?: number[]}>;
		expect(json.map(job => [job.id, job.no_closures_loaded_for])).toEqual([['bars', [2100]], ['monthly', [2100]], ['weekdays', undefined]]);
	});

	it('marks nothing once the year\'s closures are in config/calendar.yaml', () => {
		const root = rootForTest({'config/jobs.yaml': jobsYaml, 'config/calendar.yaml': 'years:\n  2099: [2099-12-31]\n  2100: [2100-01-01]\n'});
		const table = runCli(['list', '--from', '2099-12-29', '--count', '3', '--root', root.dir]);
		expect(table.code).toBe(0);
		expect(table.stdout).not.toContain('!');
		expect(table.stdout).toMatch(/^monthly .* 2100-01-04 09:00:00\+08:00 +active$/m);
	});
});
