/**
 * A run due at 23:50 that is still going at midnight and fails at 00:10. It is the day's it was
 * scheduled on (yesterday's figures, as `history --since` lists it), but it was no failure yet while
 * yesterday's panel was live: today's Failures panel has it, marked with its scheduled day, as it ends
 * and after a restart reads the day back from history. Today's figures (the header's "N failed") still
 * count by scheduled day, and the panel's title says why it lists one more.
 * Given a real scheduler, a real SQLite file and a real child process; only the clock is the test's.
 */
import {stripAnsi} from '../helpers/rendered-rows.js';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import type {SchedulerSnapshot} from '../../src/protocol/snapshot.js';
import {TodayLedger} from '../../src/scheduler/today-ledger.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {FailuresPanel, orderFailures} from '../../src/ui/panels/failures-panel.js';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
const at = (clock: string) => Date.parse(`${clock}+08:00`);
const minute = 60_000;

/** The Failures panel as the console draws it from a snapshot. */
function failuresPanel(snapshot: SchedulerSnapshot): string[] {
	const ui = render(<FailuresPanel failures={orderFailures(snapshot.failuresToday, new Map())} jobRunsFailed={snapshot.today.failed} cursor={0} focused={false} width={110} height={3}/>);
	const rows = stripAnsi(ui.lastFrame() ?? '').split('\n');
	ui.unmount();
	return rows;
}

describe('a run scheduled before midnight that fails after it', () => {
	it('stands in today\'s failures with its scheduled day, live and after a restart, and is not in today\'s figures', async () => {
		const root = makeTempRoot(testJobs);
		const go = path.join(root.dir, 'go');
		// Given sync_daily_bars due at 23:50, which runs until the test lets it fail
		const jobs = `jobs:\n  - id: sync_daily_bars\n    cron: "50 23 * * *"\n    command: ["sh", "-c", "while [ ! -f '${go}' ]; do sleep 0.05; done; echo 'feed down' >&2; exit 1"]\n`;
		const t = openScheduler(jobs, {root, now: at('2026-12-07T23:49:30')});
		t.scheduler.start();
		t.clock.advance(30_000);
		expect(t.started.map(run => run.scheduledAt)).toEqual([at('2026-12-07T23:50:00')]);
		const runId = t.started[0]!.id;

		// When midnight passes while it runs, and it fails at 00:10
		t.clock.advance(20 * minute);
		expect(t.scheduler.snapshot()).toMatchObject({today: {day: '2026-12-08', failed: 0}, failuresToday: []});
		writeFileSync(go, '');
		const ended = await t.scheduler.whenFinished(runId);
		expect(ended).toMatchObject({status: 'failed', scheduledAt: at('2026-12-07T23:50:00'), finishedAt: at('2026-12-08T00:10:00')});

		// Then today's failures hold it, and today's figures (by scheduled day) do not count it
		const live = t.scheduler.snapshot();
		expect(live.failuresToday.map(run => run.id)).toEqual([runId]);
		expect(live.today).toMatchObject({day: '2026-12-08', runs: 0, failed: 0});
		const rows = failuresPanel(live);
		expect(rows[0]).toMatch(/^ Failures today \(0, \+1 from yesterday\) ─+/);
		expect(rows[1]).toMatch(new RegExp(`^ ✗ 00:10:00 run ${runId} +#1 +sync_daily_bars scheduled Mon 7 Dec 23:50 · `));

		// And a restart at 00:20, which reads today from history, has it the same
		await t.scheduler.historyWritten();
		const restarted = await t.restart(at('2026-12-08T00:20:00'));
		restarted.scheduler.start();
		const reloaded = restarted.scheduler.snapshot();
		expect(reloaded.failuresToday.map(run => run.id)).toEqual([runId]);
		expect(reloaded.today).toMatchObject({day: '2026-12-08', runs: 0, failed: 0});
		expect(failuresPanel(reloaded)).toEqual(rows);
	});

	it('only the ones that ended today: a failure of last night that ended before midnight stays yesterday\'s, as it ends and when the day is read back', () => {
		const root = makeTempRoot();
		const db = openDatabase(path.join(root.dir, 'sage.db'));
		try {
			const store = new HistoryStore(db);
			const ledger = new TodayLedger(store, 'Asia/Shanghai');
			const failed = (jobId: string, scheduled: string, finished: string): RunRecord => {
				const run: RunRecord = {id: store.nextRunId(), jobId, trigger: 'schedule', status: 'failed', scheduledAt: at(scheduled), startedAt: at(scheduled), finishedAt: at(finished), attempt: 1, error: {type: 'Error', message: 'feed down'}};
				store.insertRun(run);
				return run;
			};

			// Given one failure ended at 23:45 and one of a run due 23:50 that ended at 00:10
			ledger.reload(at('2026-12-07T23:00:00'), ['evening_check', 'sync_daily_bars']);
			const evening = failed('evening_check', '2026-12-07T23:40:00', '2026-12-07T23:45:00');
			ledger.add(evening);
			expect(ledger.rollOver(at('2026-12-08T00:00:00'))).toBe(true);
			const late = failed('sync_daily_bars', '2026-12-07T23:50:00', '2026-12-08T00:10:00');
			ledger.add(late);
			const live = ledger.failures.map(run => run.id);

			// When a config reload at 00:20 reads today back from history
			ledger.reload(at('2026-12-08T00:20:00'));

			// Then today's failures are the late one alone, and today's figures count neither
			expect(live).toEqual([late.id]);
			expect(ledger.failures.map(run => run.id)).toEqual([late.id]);
			expect(ledger.stats).toMatchObject({day: '2026-12-08', runs: 0, failed: 0});
		} finally {
			db.close();
			root.remove();
		}
	});
});
