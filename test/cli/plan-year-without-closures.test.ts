/**
 * `plan` for a day of a year whose exchange closures are not loaded (January 2027 previewed in
 * December) says that every weekday counts as a trading day, as `calendar` does; it said "(trading day)"
 * of New Year's Day, which the exchange never opens.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const jobsYaml = `jobs:
  - id: sync_daily_bars
    cron: "30 16 * * *"
    calendar: trading-days
    command: ["true"]
`;

describe('plan for a year without closure data', () => {
	it('says the weekday counts as a trading day only for want of the year\'s closures', () => {
		root = makeTempRoot({'config/jobs.yaml': jobsYaml});
		const newYear = runCli(['plan', '--date', '2027-01-01', '--root', root.dir]);
		expect(newYear.code).toBe(0);
		expect(newYear.stdout.split('\n')[0]).toBe('2027-01-01 (trading day; no closure data for 2027: every weekday counts as a trading day)');
		expect(newYear.stdout).toMatch(/16:30 {2}sync_daily_bars/);
		const json = JSON.parse(runCli(['plan', '--date', '2027-01-01', '--json', '--root', root.dir]).stdout) as {kind: string; closures_loaded: boolean};
		expect(json).toMatchObject({kind: 'trading day', closures_loaded: false});

		// A weekend is one whatever the data; a year with data says nothing more
		expect(runCli(['plan', '--date', '2027-01-02', '--root', root.dir]).stdout.split('\n')[0]).toBe('2027-01-02 (weekend)');
		expect(runCli(['plan', '--date', '2026-12-31', '--root', root.dir]).stdout.split('\n')[0]).toBe('2026-12-31 (trading day)');
		expect(JSON.parse(runCli(['plan', '--date', '2026-10-01', '--json', '--root', root.dir]).stdout)).toMatchObject({kind: 'exchange holiday', closures_loaded: true});
	});
});
