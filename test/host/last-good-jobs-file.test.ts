/** The last good job list's file: kept as written, and what a scheduler killed mid-write left removed. */
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {GoodJobsKeeper} from '../../src/host/last-good-jobs.js';
import {waitFor} from '../helpers/wait-for.js';

describe('the last good job list file', () => {
	let dir: string | undefined;
	afterEach(() => {
		if (dir) {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	it('is written as given, readable by its owner only, and a temp file a killed scheduler left beside it is removed', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'sage-last-good-'));
		const file = path.join(dir, 'sage.last-good-jobs.yaml');
		writeFileSync(path.join(dir, '.sage.last-good-jobs.yaml.4242.tmp'), 'jobs:\n  - {id: half');
		writeFileSync(path.join(dir, 'sage.db'), '');
		const text = 'jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n';

		new GoodJobsKeeper(file, error => {
			throw error;
		}).remember(text);

		await waitFor(() => readdirSync(dir!).sort().join(' ') === 'sage.db sage.last-good-jobs.yaml', 15_000, 'the list kept and the left temp file gone');
		expect(readFileSync(file, 'utf8')).toBe(text);
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});
});
