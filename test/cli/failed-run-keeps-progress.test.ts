/**
 * A run that fails, times out or is cancelled keeps its last progress and message in history, where it
 * got to: `show` and `history --json` give them, as the console's detail of the live run did. Progress is
 * written at most once a second while a run goes on, and the end wrote it only for a success, so a
 * failure's last note (here its only one, in its first second) was lost.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

describe('the last progress of a run that did not succeed', () => {
	it('is kept in history for a failure and a timeout', () => {
		root = makeTempRoot({'config/jobs.yaml': `jobs:
  - id: sync_bars
    trigger: manual
    command: ["sh", "-c", "echo '::progress 0.3 symbol 600519.SH'; echo 'feed refused' >&2; exit 1"]
  - id: backtest
    trigger: manual
    timeout: 1s
    command: ["sh", "-c", "echo '::progress 0.45 day 9 of 20'; sleep 30"]
`});
		expect(runCli(['run', 'sync_bars', '--root', root.dir]).code).toBe(1);
		expect(runCli(['run', 'backtest', '--root', root.dir]).code).toBe(1);

		const failed = runCli(['show', '1', '--root', root.dir]);
		expect(failed.stdout).toMatch(/^run 1 {2}sync_bars {2}FAILED$/m);
		expect(failed.stdout).toMatch(/^progress {4}30% {2}symbol 600519\.SH$/m);
		const timedOut = runCli(['show', '2', '--root', root.dir]);
		expect(timedOut.stdout).toMatch(/^run 2 {2}backtest {2}TIMEOUT$/m);
		expect(timedOut.stdout).toMatch(/^progress {4}45% {2}day 9 of 20$/m);

		const history = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as Array<{id: number; progress?: number; message?: string}>;
		expect(history.map(({id, progress, message}) => ({id, progress, message}))).toEqual([
			{id: 2, progress: 0.45, message: 'day 9 of 20'},
			{id: 1, progress: 0.3, message: 'symbol 600519.SH'},
		]);
	});
});
