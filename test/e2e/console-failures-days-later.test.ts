/**
 * The Failures panel on a console started in the morning, with failures that ended today of runs
 * scheduled on earlier days: last night's 23:50 run that failed at 00:10, and a backfill due on Friday
 * that failed at 09:30. A start read back only the runs scheduled the day before, so the backfill's
 * failure, in the panel as it ended, was gone. At 80 columns the mark `scheduled Fri 4 Dec 22:00` left
 * the error ~10 cells; there the row says `due 4 Dec 22:00`, and a wide terminal still has the full mark.
 * Built binary in tmux, its clock set by libfaketime; the history is a real SQLite file in its root.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {binary} from '../helpers/run-cli.js';
import {rootForTest} from '../helpers/test-root.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const slow = 60_000;
const at = (clock: string) => Date.parse(`${clock}+08:00`);

const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - id: backfill_bars
    trigger: manual
    command: ["true"]
  - id: sync_daily_bars
    trigger: manual
    command: ["true"]
  - id: check_positions
    trigger: manual
    command: ["true"]
`;

/** The history a scheduler left: failures that ended this Tuesday morning, of runs due on three days. */
function writeHistory(file: string): Record<string, number> {
	const db = openDatabase(file);
	try {
		const store = new HistoryStore(db);
		const failed = (jobId: string, scheduled: string, finished: string, message: string): number => {
			const run: RunRecord = {
				id: store.nextRunId(), jobId, trigger: 'manual', status: 'failed', scheduledAt: at(scheduled), startedAt: at(scheduled), finishedAt: at(finished), attempt: 1,
				error: {type: 'Error', message},
			};
			store.insertRun(run);
			return run.id;
		};

		return {
			lastNight: failed('sync_daily_bars', '2026-12-07T23:50:00', '2026-12-08T00:10:00', 'feed down'),
			backfill: failed('backfill_bars', '2026-12-04T22:00:00', '2026-12-08T09:30:00', 'feed returned 502 for 600519.SH on 2026-11-30'),
			todays: failed('check_positions', '2026-12-08T09:40:00', '2026-12-08T09:41:00', 'broker file missing'),
		};
	} finally {
		db.close();
	}
}

describe.skipIf(!hasTmux || !hasFaketime)('failures of runs scheduled on earlier days, on a console started today (tmux, faketime)', () => {
	it('reads back a backfill due days before that failed today, titles them "from earlier days", and keeps the error readable at 80 columns', async () => {
		// Given a root whose history has today's failures of runs due today, last night and last Friday
		const root = rootForTest({'config/jobs.yaml': jobsYaml});
		const ids = writeHistory(path.join(root.dir, 'data', 'sage.db'));

		// When a console starts on Tuesday at 10:00 in an 80-column terminal
		const s = openTmuxSession('days-later', `${atTime('2026-12-08T10:00:00+08:00', `${binary} --root ${root.dir}`)}; sleep 120`, 80, 30);

		// Then its panel has all three, the two of earlier days told apart from today's in the title
		await s.see('Failures today (', slow);
		const title = s.rows().find(row => row.includes('Failures today ('));
		expect(title).toMatch(/^ Failures today \(1, \+2 from earlier days\) /);
		const failureRows = () => s.rows().filter(row => /^.✗ \d\d:\d\d:\d\d run \d+ /.test(row));
		await waitFor(() => failureRows().length === 3 || undefined, 10_000, 'three failure rows');
		const [todays, backfill, lastNight] = failureRows();
		expect(todays).toMatch(new RegExp(`^ ✗ 09:41:00 run ${ids.todays} +#1 +check_positions +Error: broker file missing$`));

		// And at 80 columns the earlier day is short, and the error has more than half of the row's free cells
		expect(backfill).toMatch(new RegExp(`^ ✗ 09:30:00 run ${ids.backfill} +#1 +backfill_bars +due 4 Dec 22:00 · Error: feed returned`));
		expect(lastNight).toMatch(new RegExp(`^ ✗ 00:10:00 run ${ids.lastNight} +#1 +sync_daily_bars +due 7 Dec 23:50 · Error: feed down$`));
		const free = 80 - backfill!.indexOf('due ');
		expect(80 - backfill!.indexOf('Error:')).toBeGreaterThan(free / 2);

		// And on a wide terminal the mark is the full one
		s.resize(130, 30);
		await s.see('scheduled Fri 4 Dec 22:00 · Error: feed returned 502 for 600519.SH on 2026-11-30', 10_000);
		expect(s.screen()).toContain('sync_daily_bars scheduled Mon 7 Dec 23:50 · Error: feed down');
	}, 120_000);
});
