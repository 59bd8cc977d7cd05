/**
 * A duration whose seconds round up to the next minute (or hour, or second) reads as that: 59.6 s is
 * `1m00s`, 4m59.6s `5m00s`, 59m59.7s `1h00m`, 999.6 ms `1.0s`, in show and history as in `status`'s
 * uptime and the console, which share the wording. They read `60s`, `4m60s`, `59m60s` and `1000ms`.
 */
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {runCli} from '../helpers/run-cli.js';
import {seedRun} from '../helpers/seed-run.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const at = Date.parse('2026-12-03T18:00:00+08:00');
/** Each run's duration, and how show and history word it. */
const durations: Array<[number, string]> = [
	[999.6, '1.0s'],
	[9960, '10s'],
	[59_600, '1m00s'],
	[299_600, '5m00s'],
	[3_599_700, '1h00m'],
	[61_000, '1m01s'],
];

describe('a run\'s duration at a unit\'s edge, in show and history', () => {
	it('carries the rounding into the next unit', () => {
		root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: sync_bars, trigger: manual, command: ["true"]}\n'});
		const db = openDatabase(path.join(root.dir, 'data/sage.db'));
		const store = new HistoryStore(db);
		for (const [ms] of durations) {
			seedRun(store, {jobId: 'sync_bars', trigger: 'manual', status: 'success', scheduledAt: at, startedAt: at, finishedAt: at + ms, durationMs: ms, attempt: 1, tradeDate: '2026-12-03'});
		}

		db.close();
		const history = runCli(['history', '--root', root.dir]);
		expect(history.code).toBe(0);
		for (const [index, [, words]] of durations.entries()) {
			const shown = runCli(['show', String(index + 1), '--root', root.dir]);
			expect(shown.stdout).toMatch(new RegExp(`^duration {4}${words.replace('.', String.raw`\.`)}$`, 'm'));
			expect(history.stdout).toMatch(new RegExp(`^${index + 1} .* ${words.replace('.', String.raw`\.`)} *$`, 'm'));
		}
	});
});
