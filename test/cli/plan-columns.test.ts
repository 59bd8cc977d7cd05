/**
 * `sage-console plan` reads as a table: the job ids in one column whatever their length, and the
 * times with their seconds when one of them is off the whole minute. An `every 30s` job read
 * `09:56  ticker` twice, and each id started where the one before it happened to end.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

describe('plan\'s columns', () => {
	it('puts the ids in one column and shows the seconds of an every-30s job', () => {
		root = makeTempRoot({'config/jobs.yaml': `jobs:
  - {id: hello, cron: "0 9 * * 1-5", command: ["true"]}
  - {id: py_broken, cron: "0 10 * * 1-5", command: ["true"]}
  - {id: ticker, trigger: interval, seconds: 30, start_date: "2026-12-07 09:55:31", end_date: "2026-12-07 09:57:01", command: ["true"]}
`});
		const plan = runCli(['plan', '--date', '2026-12-07', '--root', root.dir]).stdout;
		expect(plan.split('\n').slice(1, 7)).toEqual([
			'  09:00:00  hello      Mon-Fri 09:00',
			'  09:55:31  ticker     every 30s · until 2026-12-07 09:57',
			'  09:56:01  ticker     every 30s · until 2026-12-07 09:57',
			'  09:56:31  ticker     every 30s · until 2026-12-07 09:57',
			'  09:57:01  ticker     every 30s · until 2026-12-07 09:57',
			'  10:00:00  py_broken  Mon-Fri 10:00',
		]);
	});

	it('keeps HH:MM when every time is on the minute, and lines the skipped jobs up with the rest', () => {
		root = makeTempRoot({'config/jobs.yaml': `jobs:
  - {id: backup, cron: "30 2 * * *", command: ["true"]}
  - {id: sync_daily_bars, cron: "30 16 * * *", calendar: trading-days, command: ["true"]}
`});
		const plan = runCli(['plan', '--date', '2026-10-01', '--root', root.dir]).stdout;
		expect(plan.split('\n').slice(1, 3)).toEqual([
			'  02:30    backup           daily 02:30',
			'  skipped  sync_daily_bars  (daily 16:30 · trading days: not on an exchange holiday)',
		]);
	});
});
