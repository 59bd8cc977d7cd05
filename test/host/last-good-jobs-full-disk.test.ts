/**
 * The last good job list kept on a real full disk (a 1 MiB tmpfs, filled with dd): the write fails and
 * says why, the list kept before stays as it was, and no half-written temp file is left beside it.
 * Needs root and tmpfs mounts (CI has both); skipped otherwise, with the reason in the test's name.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {GoodJobsKeeper} from '../../src/host/last-good-jobs.js';
import {canMountTmpfs} from '../helpers/tmpfs.js';
import {waitFor} from '../helpers/wait-for.js';

describe.skipIf(!canMountTmpfs)('the last good job list on a full disk (a real tmpfs; needs root and mount)', () => {
	let dir: string | undefined;
	afterEach(() => {
		if (dir) {
			spawnSync('umount', ['-l', dir]);
			rmSync(dir, {recursive: true, force: true});
		}
	});

	it('a write that meets the full disk fails with ENOSPC, keeps the old list and leaves no temp file', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'sage-last-good-'));
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
		const file = path.join(dir, 'sage.last-good-jobs.yaml');
		const failures: Error[] = [];
		const keeper = new GoodJobsKeeper(file, error => failures.push(error));
		keeper.remember('jobs:\n  - {id: old, trigger: manual, command: ["true"]}\n');
		await waitFor(() => readdirSync(dir!).includes('sage.last-good-jobs.yaml'), 15_000, 'the first list to be kept');
		spawnSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'filler')}`, 'bs=1k']);

		keeper.remember(`jobs:\n${'  - {id: big, trigger: manual, command: ["true"]}\n'.repeat(20_000)}`);

		await waitFor(() => failures.length > 0, 15_000, 'the write to fail');
		expect((failures[0] as NodeJS.ErrnoException).code).toBe('ENOSPC');
		expect(readFileSync(file, 'utf8')).toContain('id: old');
		expect(readdirSync(dir).sort()).toEqual(['filler', 'sage.last-good-jobs.yaml']);
	});
});
