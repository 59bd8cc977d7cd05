/**
 * data/ on a real full disk (a 1 MiB tmpfs, filled with dd), met by the built binary at a scheduler's
 * start: it refuses to start with the reason in one line (the full disk named, no stack, exit 1) and
 * leaves no half-written lock file behind, whether SQLite or the lock meets the full disk first; and
 * `history` still lists what the database holds, as the operator's first look at what happened. Needs
 * root and tmpfs mounts (CI has both); skipped otherwise, with the reason in the test's name.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, readdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {canMountTmpfs} from '../helpers/tmpfs.js';

const processes = trackHeadlessProcesses();

/** Fills `dir`'s disk to the last block with `dir/filler`. */
function fill(dir: string): void {
	spawnSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'filler')}`, 'bs=1k']);
	expect(Number(execFileSync('df', ['--output=avail', '-k', dir], {encoding: 'utf8'}).trim().split('\n').at(-1))).toBe(0);
}

describe.skipIf(!canMountTmpfs)('data/ on a full disk at a scheduler start (a real tmpfs on data/; needs root and mount)', () => {
	const mounted: string[] = [];
	afterEach(() => {
		for (const dir of mounted.splice(0)) {
			spawnSync('umount', ['-l', dir]);
		}
	});

	function fullDataRoot() {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: note, trigger: manual, command: ["sh", "-c", "echo noted"]}\n'});
		const data = path.join(root.dir, 'data');
		mkdirSync(data, {recursive: true});
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0750', 'tmpfs', data]);
		mounted.push(data);
		// A history of one run, its database closed cleanly (no -shm or -wal beside it).
		expect(runCli(['run', 'note', '--root', root.dir]).code).toBe(0);
		return {root, data};
	}

	it('the history database cannot be opened: the start says the disk is full; history still lists the runs', () => {
		const {root, data} = fullDataRoot();
		fill(data);

		const start = runCli(['--headless', '--root', root.dir], {timeoutMs: 20_000});
		expect(start.code).toBe(1);
		expect(start.stderr).toMatch(new RegExp(`^sage-console: cannot prepare ${path.join(data, 'sage.db')}: .+ \\(the disk holding ${data} is full: 0 KiB free\\)\\n$`));

		const history = runCli(['history', '--root', root.dir]);
		expect(history.stderr).toBe('');
		expect(history.code).toBe(0);
		expect(history.stdout.split('\n').find(line => line.startsWith('1 '))).toMatch(/^1 +note +manual .* success /);
	});

	it('the lock cannot be written (after a kill -9, the database still opens): the start says so, no stack, no half-written file', async () => {
		const {root, data} = fullDataRoot();
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		first.child.kill('SIGKILL');
		await first.exited;
		fill(data);

		const start = runCli(['--headless', '--root', root.dir], {timeoutMs: 20_000});
		expect(start.stderr).toBe(`sage-console: cannot write the scheduler lock ${path.join(data, 'sage.lock')}: ENOSPC (no space left on device)\n`);
		expect(start.code).toBe(1);
		expect(readdirSync(data).filter(name => name.endsWith('.tmp'))).toEqual([]);

		// Space again: the next start takes the dead scheduler's lock over.
		rmSync(path.join(data, 'filler'));
		await schedulerStarted(processes.start(root.dir));
	});
});
