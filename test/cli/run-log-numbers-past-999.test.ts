/**
 * Past 999 runs in a day a run log is `<YYYYMMDD>_1000.log`, which sorts before `_101.log` by name.
 * Where run logs are numbered or picked, the number is read as a number, not the name compared: the
 * next run after history recorded `_999` and `_1000` (their files gone) takes `_1001`, not a number
 * given already; `logs` reads a run's own `_1000` log; retention removes an old `_1000` log and keeps a
 * new one, as any other. The built CLI, a real SQLite file, real files in logs/jobs/.
 */
import {existsSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {pruneRunLogs} from '../../src/host/retention.js';
import {runCli} from '../helpers/run-cli.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

type RunJson = {id: number; log_path: string};

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const dayMs = 86_400_000;

describe('run logs past the day\'s 999th', () => {
	// Run logs are numbered within a day in Shanghai (the root's zone): the three runs of the first test on
	// one day there, where across its midnight the third was `<next day>_001.log`.
	sameDayEach('Asia/Shanghai', 60_000);

	it('the next run takes _1001 after history recorded _999 and _1000, and logs reads a _1000 log', () => {
		root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, trigger: manual, command: ["sh", "-c", "echo tick $$"]}\n'});
		expect(runCli(['run', 'tick', '--root', root.dir]).code).toBe(0);
		expect(runCli(['run', 'tick', '--root', root.dir]).code).toBe(0);
		const first = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as RunJson[];
		const day = /(\d{8})_\d+\.log$/.exec(first[0]!.log_path)![1]!;
		const jobLogs = path.dirname(first[0]!.log_path);

		// Given: the day's runs 1 and 2 recorded as its 999th and 1000th, their logs moved to those names
		const at = (number: number) => path.join(jobLogs, `${day}_${number}.log`);
		const db = new Database(path.join(root.dir, 'data', 'sage.db'));
		try {
			for (const [id, number] of [[1, 999], [2, 1000]] as const) {
				const old = (db.prepare('SELECT log_path FROM runs WHERE id = ?').pluck().get(id) as string);
				writeFileSync(at(number), readFileSync(old));
				rmSync(old);
				db.prepare('UPDATE runs SET log_path = ? WHERE id = ?').run(at(number), id);
			}
		} finally {
			db.close();
		}

		// Then: logs reads run 2's own lines from its _1000 log
		const logs = runCli(['logs', '2', '--root', root.dir]);
		expect(logs.code).toBe(0);
		expect(logs.stdout).toMatch(/tick \d+/);

		// When: the 1000th's and 999th's files are gone, and the job runs again
		rmSync(at(999));
		rmSync(at(1000));
		expect(runCli(['run', 'tick', '--root', root.dir]).code).toBe(0);

		// Then: its log is the day's 1001st, not a number history holds already
		const runs = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as RunJson[];
		const third = runs.find(run => run.id === 3)!;
		expect(path.basename(third.log_path)).toBe(`${day}_1001.log`);
		expect(readFileSync(third.log_path, 'utf8')).toMatch(/tick \d+/);
	});

	it('retention removes an old _1000 log and keeps a new one, as it does _999 and _101', async () => {
		root = makeTempRoot();
		const jobLogs = path.join(root.dir, 'logs', 'jobs');
		const now = Date.parse('2026-12-05T12:00:00+08:00');
		const names = {old: ['20261101_101.log', '20261101_999.log', '20261101_1000.log'], recent: ['20261205_101.log', '20261205_999.log', '20261205_1000.log']};
		for (const name of [...names.old, ...names.recent]) {
			root.write(`logs/jobs/${name}`, '{}\n');
		}

		for (const name of names.old) {
			const written = (now - (40 * dayMs)) / 1000;
			utimesSync(path.join(jobLogs, name), written, written);
		}

		expect(await pruneRunLogs(jobLogs, 30, now)).toBe(3);
		expect(names.old.filter(name => existsSync(path.join(jobLogs, name)))).toEqual([]);
		expect(names.recent.filter(name => existsSync(path.join(jobLogs, name)))).toEqual(names.recent);
	});
});
