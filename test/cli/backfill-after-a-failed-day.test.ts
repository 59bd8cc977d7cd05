/**
 * `run JOB --from D1 --to D2` runs every trading day of the range, one after another, and follows each
 * to its end: a day that fails is reported and the next days still run. The exit code says whether
 * every day succeeded.
 */
import {afterEach, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

type RunJson = {id: number; trade_date: string; status: string};
let root: TempRoot | undefined;

afterEach(() => {
	root?.remove();
	root = undefined;
});

it('a backfill whose first day fails still runs the days after it, and exits 1', () => {
	root = makeTempRoot({'config/jobs.yaml': `jobs:
  - {id: sync_bars, trigger: manual, command: ["sh", "-c", "echo day $SAGE_TRADE_DATE; test \\"$SAGE_TRADE_DATE\\" != 2026-12-01"]}
`});
	const backfill = runCli(['run', 'sync_bars', '--from', '2026-12-01', '--to', '2026-12-03', '--root', root.dir]);
	expect(backfill.code).toBe(1);
	for (const day of ['2026-12-01', '2026-12-02', '2026-12-03']) {
		expect(backfill.stdout).toContain(`day ${day}`);
	}

	const runs = (JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as RunJson[]).sort((a, b) => a.id - b.id);
	expect(runs.map(run => [run.trade_date, run.status])).toEqual([['2026-12-01', 'failed'], ['2026-12-02', 'success'], ['2026-12-03', 'success']]);
});
