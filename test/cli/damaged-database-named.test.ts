import {randomBytes} from 'node:crypto';
import {closeSync, copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, testJobs, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
let elsewhere: string | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
	if (elsewhere) {
		rmSync(elsewhere, {recursive: true, force: true});
		elsewhere = undefined;
	}
});

/** Garbage past the header page, as a disk fault would leave it. */
function damage(file: string): void {
	const size = statSync(file).size;
	const handle = openSync(file, 'r+');
	writeSync(handle, randomBytes(size - 4096), 0, size - 4096, 4096);
	closeSync(handle);
}

describe('a damaged history database is named as the command opened it', () => {
	it('--db elsewhere: the message names that file, not the root\'s data/sage.db', () => {
		// Given a history made by a real run, copied outside the root and damaged there
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': 'jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n'});
		expect(runCli(['run', 'a', '--root', root.dir]).code).toBe(0);
		elsewhere = mkdtempSync(path.join(os.tmpdir(), 'sage-damaged-'));
		const database = path.join(elsewhere, 'history.db');
		copyFileSync(path.join(root.dir, 'data/sage.db'), database);
		damage(database);

		// When history reads it through --db
		const result = runCli(['history', '--root', root.dir, '--db', database]);

		// Then the operator reads which file to restore, move aside or recover
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^sage-console: the history database is damaged \(/);
		expect(result.stderr).toContain(`to ${database}, or move ${database} aside`);
		expect(result.stderr).toContain(`\`sqlite3 ${database} .recover\``);
		expect(result.stderr).not.toContain('data/sage.db');
	});

	it('in the root, the default database reads as data/sage.db', () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': 'jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n'});
		expect(runCli(['run', 'a'], {cwd: root.dir}).code).toBe(0);
		damage(path.join(root.dir, 'data/sage.db'));

		const result = runCli(['history'], {cwd: root.dir});

		expect(result.code).toBe(1);
		expect(result.stderr).toContain('`sqlite3 data/sage.db .recover`');
	});
});
