import {chmodSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openDatabase} from '../../src/store/open-database.js';
import {scratchDir} from '../helpers/temp-root.js';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the history database file', () => {
	it('is created readable by its owner only, its WAL files too, in a folder others cannot enter', () => {
		const file = path.join(scratchDir(), 'data', 'sage.db');
		const db = openDatabase(file);
		db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('probe', '1');
		expect(modeOf(file)).toBe(0o600);
		expect(modeOf(`${file}-wal`)).toBe(0o600);
		expect(modeOf(path.dirname(file)) & 0o007).toBe(0);
		db.close();
	});

	it('narrows a database an earlier version left readable by everyone', () => {
		const file = path.join(scratchDir(), 'sage.db');
		openDatabase(file).close();
		chmodSync(file, 0o644);
		openDatabase(file).close();
		expect(modeOf(file)).toBe(0o600);
	});
});
