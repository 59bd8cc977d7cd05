/** A hand-kept jobs.yaml, an edited export of it, and the line-by-line check of an import of one into the other. */
import {parse} from 'yaml';
import {expect} from 'vitest';

export const handKept = `# Operator's jobs, kept by hand.
timezone: Asia/Shanghai          # default for every job
max_parallel: 4                  # runs at once

jobs:
  # data first
  - id: fetch_daily
    name: 每日行情同步             # display name
    cron: "30 16 * * 1-5"        # after the close
    command: ["true"]
    params: { symbols: ["600519.SH", "000001.SZ"] }

  - { id: quotes,  cron: "*/5 9-15 * * 1-5", command: ["true"] }   # every 5 minutes

  # weekly report, APScheduler style
  - id: weekly_report
    trigger: cron
    day_of_week: mon
    hour: 9
    minute: 0
    command: ["true"]      # push to WeChat

  - { id: cleanup, cron: "0 3 * * *", command: ["true"], params: { days: 30 } }
# end of jobs
`;

/** The export an operator edited: weekly_report moved to Tuesday 09:30, news added. */
export const edited = `jobs:
  - id: fetch_daily
    name: 每日行情同步
    cron: "30 16 * * 1-5"
    command: ["true"]
    params: {symbols: ["600519.SH", "000001.SZ"]}
  - {id: quotes, cron: "*/5 9-15 * * 1-5", command: ["true"]}
  - id: weekly_report
    trigger: cron
    day_of_week: tue
    hour: 9
    minute: 30
    command: ["true"]
  - {id: cleanup, cron: "0 3 * * *", command: ["true"], params: {days: 30}}
  - {id: news, cron: "0 * * * *", command: ["echo", "news"]}
paused: []
`;

/**
 * Checks `after` line by line against `before`: every line outside weekly_report's own lines is the
 * same, weekly_report's lines read as the edited job, and news is added after cleanup, a blank line
 * before it as between the other jobs, before the comment that ends the list.
 */
export function expectOnlyImportedLinesChanged(before: string, after: string): void {
	const b = before.split('\n');
	const a = after.split('\n');
	const from = b.indexOf('  - id: weekly_report');
	const to = b.indexOf('', from);
	expect(a.slice(0, from)).toEqual(b.slice(0, from));
	const newTo = a.indexOf('', from);
	expect(parse(a.slice(from, newTo).join('\n'))).toEqual([{id: 'weekly_report', trigger: 'cron', day_of_week: 'tue', hour: 9, minute: 30, command: ['true']}]);
	const cleanup = b.indexOf('  - { id: cleanup, cron: "0 3 * * *", command: ["true"], params: { days: 30 } }');
	const kept = cleanup + 1 - to;
	expect(a.slice(newTo, newTo + kept)).toEqual(b.slice(to, cleanup + 1));
	expect(a[newTo + kept]).toBe('');
	const added = a[newTo + kept + 1]!;
	expect(added).toMatch(/^ {2}- \{/);
	expect(parse(added)).toEqual([{id: 'news', cron: '0 * * * *', command: ['echo', 'news']}]);
	expect(a.slice(newTo + kept + 2)).toEqual(b.slice(cleanup + 1));
}
