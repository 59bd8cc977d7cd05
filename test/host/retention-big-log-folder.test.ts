/**
 * A scheduler up for weeks with a busy job keeps a month of run logs in logs/jobs/ (a job every 10 s
 * is 8,640 a day). The retention sweep every six hours deletes the old ones without holding the
 * scheduler's thread: it read the folder and stat'ed every file in one go (2.3 s for 260,000 logs),
 * so a fire due meanwhile waited. A real folder, a real database, the real event loop.
 */
import {existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync} from 'node:fs';
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

/** How many turns the event loop took while `work` ran (work that never yields lets it take none). */
async function loopTurnsDuring<T>(work: () => Promise<T>): Promise<{value: T; turns: number}> {
	let turns = 0;
	let going = true;
	const tick = () => {
		turns++;
		if (going) {
			setImmediate(tick);
		}
	};

	setImmediate(tick);
	const value = await work();
	going = false;
	return {value, turns};
}

describe('retention in a folder of a month of run logs', () => {
	it('deletes the old logs, keeps the rest, and lets the event loop turn all along', async () => {
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

		// When the sweep runs
		const sweeper = new RetentionSweeper(new HistoryStore(db), paths, () => ({runDays: 90, logDays: 30}), new MemoryLogger());
		const {value: removed, turns} = await loopTurnsDuring(async () => sweeper.sweep(now));
		sweeper.stop();
		db.close();

		// Then the old logs are gone, the month's are there, and the loop turned all along: at least once
		// for most slices of the 60,003 names (2,000 a turn), so a fire due meanwhile is not held behind the whole folder
		expect(removed.logs).toBe(3);
		expect(old.some(file => existsSync(file))).toBe(false);
		expect(readdirSync(paths.jobLogs)).toHaveLength(60_000);
		expect(turns).toBeGreaterThanOrEqual(20);
	}, 120_000);
});
