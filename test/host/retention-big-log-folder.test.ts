/**
 * A scheduler up for weeks with a busy job keeps a month of run logs in logs/jobs/ (a job every 10 s
 * is 8,640 a day). The retention sweep every six hours deletes the old ones without holding the
 * scheduler's thread: it read the folder and stat'ed every file in one go (2.3 s for 260,000 logs),
 * so a fire due meanwhile waited. A real folder, a real database, the real event loop.
 */
import {existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {resolvePaths} from '../../src/host/paths.js';
import {RetentionSweeper} from '../../src/host/retention.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {MemoryLogger} from '../helpers/test-scheduler.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const day = 86_400_000;

/** The longest the event loop went without a turn while `work` ran. */
async function longestHold<T>(work: () => Promise<T>): Promise<{value: T; ms: number}> {
	let longest = 0;
	let last = performance.now();
	let going = true;
	const tick = () => {
		const now = performance.now();
		longest = Math.max(longest, now - last);
		last = now;
		if (going) {
			setImmediate(tick);
		}
	};

	setImmediate(tick);
	const value = await work();
	going = false;
	// Work that never yielded held the loop from start to end.
	return {value, ms: Math.max(longest, performance.now() - last)};
}

describe('retention in a folder of a month of run logs', () => {
	it('deletes the old logs, keeps the rest, and never holds the event loop for long', async () => {
		// Given 60,000 logs of the last 30 days and a few older than logs_days: 30
		root = makeTempRoot();
		const paths = resolvePaths({root: root.dir});
		const db = openDatabase(paths.dbFile);
		const now = Date.parse('2026-12-08T03:00:00+08:00');
		mkdirSync(paths.jobLogs, {recursive: true});
		for (let back = 0; back < 30; back++) {
			const name = new Date(now - (back * day)).toISOString().slice(0, 10).replaceAll('-', '');
			for (let number = 1; number <= 2000; number++) {
				writeFileSync(path.join(paths.jobLogs, `${name}_${String(number).padStart(3, '0')}.log`), '');
			}
		}

		const old = ['20261101_001.log', '20261101_002.log', 'moved-aside.log'].map(name => path.join(paths.jobLogs, name));
		for (const file of old) {
			writeFileSync(file, '{}\n');
			utimesSync(file, new Date(now - (35 * day)), new Date(now - (35 * day)));
		}

		// (what reading the folder and looking at each file at once costs here)
		const started = performance.now();
		for (const name of readdirSync(paths.jobLogs)) {
			statSync(path.join(paths.jobLogs, name));
		}

		const atOnceMs = performance.now() - started;

		// When the sweep runs
		const sweeper = new RetentionSweeper(new HistoryStore(db), paths, () => ({runDays: 90, logDays: 30}), new MemoryLogger());
		const {value: removed, ms} = await longestHold(async () => sweeper.sweep(now));
		sweeper.stop();
		db.close();

		// Then the old logs are gone, the month's are there, and the loop turned all along
		expect(removed.logs).toBe(3);
		expect(old.some(file => existsSync(file))).toBe(false);
		expect(readdirSync(paths.jobLogs)).toHaveLength(60_000);
		expect(ms, `the sweep held the loop ${ms.toFixed(1)} ms; reading and stat at once took ${atOnceMs.toFixed(1)} ms`).toBeLessThan(atOnceMs / 4);
	}, 120_000);
});
