import {existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {WorkerLogFiles} from '../../src/remote/worker-log-files.js';
import {scratchDir} from '../helpers/temp-root.js';

describe('WorkerLogFiles', () => {
	it("names a run's file by its id, and hands an emptied file of an earlier run to a later one (same inode)", () => {
		const dir = scratchDir();
		const files = new WorkerLogFiles(dir, 'box-1', 2);
		const first = files.take('job.1.1.r1');
		expect(first).toBe(path.join(dir, 'job.1.1.r1.log'));
		writeFileSync(first, 'a line of run 1\n');
		const inode = statSync(first).ino;
		files.giveBack(first);
		expect(existsSync(first)).toBe(false);
		expect(readdirSync(dir)).toEqual(['.spare-box-1-0.log']);

		const second = files.take('job.2.1.r2');
		expect(second).toBe(path.join(dir, 'job.2.1.r2.log'));
		expect(statSync(second).ino).toBe(inode);
		expect(readFileSync(second, 'utf8')).toBe('');
		expect(readdirSync(dir)).toEqual(['job.2.1.r2.log']);
	});

	it('keeps as many spares as runs go at once, removes the rest, and its own spares when closed', () => {
		const dir = scratchDir();
		const files = new WorkerLogFiles(dir, 'box-1', 2);
		const taken = ['a', 'b', 'c'].map(id => files.take(id));
		for (const file of taken) {
			writeFileSync(file, 'x\n');
			files.giveBack(file);
		}

		expect(readdirSync(dir).sort()).toEqual(['.spare-box-1-0.log', '.spare-box-1-1.log']);
		files.close();
		expect(readdirSync(dir)).toEqual([]);
	});

	it("removes the spares of this host's workers that died, not those of live ones or of other hosts", () => {
		const dir = scratchDir();
		const dead = 2 ** 22 + 12_345;
		for (const name of [`.spare-box-${dead}-0.log`, `.spare-box-${process.pid}-0.log`, `.spare-other-${dead}-0.log`, 'run.1.1.log']) {
			writeFileSync(path.join(dir, name), '');
		}

		WorkerLogFiles.removeDeadSpares(dir, 'box', pid => pid === process.pid);
		expect(readdirSync(dir).sort()).toEqual([`.spare-box-${process.pid}-0.log`, `.spare-other-${dead}-0.log`, 'run.1.1.log']);
	});

	it('names a new file when its spare is gone (the folder was cleaned by hand)', () => {
		const dir = scratchDir();
		const files = new WorkerLogFiles(dir, 'box-1', 1);
		const file = files.take('a');
		writeFileSync(file, 'x\n');
		files.giveBack(file);
		for (const name of readdirSync(dir)) {
			rmSync(path.join(dir, name));
		}

		expect(files.take('b')).toBe(path.join(dir, 'b.log'));
		expect(readdirSync(dir)).toEqual([]);
	});
});
