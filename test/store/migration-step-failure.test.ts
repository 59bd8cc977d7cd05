/**
 * A history database whose schema cannot be brought up to date (here one edited by hand: the column
 * a step adds is there already) is refused naming the step that failed, and stays at the version it
 * had, its rows kept, for the sage-console that wrote it. It said only SQLite's words ('duplicate
 * column name: pid'), with nothing of an upgrade.
 */
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {migrations} from '../../src/store/migrations.js';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

it('names the schema step that failed and leaves the database at its version', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: check, trigger: manual, command: ["true"]}\n'});
	try {
		const file = path.join(root.dir, 'data', 'sage.db');
		mkdirSync(path.dirname(file), {recursive: true});
		const db = new Database(file);
		for (const [version, migration] of migrations.slice(0, 5).entries()) {
			db.exec(migration);
			db.pragma(`user_version = ${version + 1}`);
		}

		db.exec('ALTER TABLE runs ADD COLUMN pid INTEGER');
		db.prepare('INSERT INTO runs (id, job_id, trigger, status, scheduled_at, attempt) VALUES (1, \'check\', \'manual\', \'success\', 1764830000000, 1)').run();
		db.close();

		for (const command of [['history'], ['--headless']]) {
			const refused = runCli([...command, '--root', root.dir]);
			expect(refused.code).toBe(1);
			expect(refused.stderr).toBe(`sage-console: cannot prepare ${file}: upgrading its schema from version 5 to 6 (of ${migrations.length}) failed, so it stays at version 5: duplicate column name: pid\n`);
		}

		const after = new Database(file, {readonly: true});
		expect(after.pragma('user_version', {simple: true})).toBe(5);
		expect(after.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(1);
		after.close();
	} finally {
		root.remove();
	}
});
