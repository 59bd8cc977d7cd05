/**
 * `sage-console init`'s next step names the folder to `cd` into as the operator typed it, or absolute
 * when it lies outside the current directory: run from elsewhere it said `cd ../../tmp/x/proj`.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {projectRoot} from '../helpers/shipped-root.js';

let dir: string | undefined;
function freshFolder(): string {
	dir = mkdtempSync(path.join(os.tmpdir(), 'sage-init-cd-'));
	return dir;
}

afterEach(() => {
	if (dir) {
		rmSync(dir, {recursive: true, force: true});
		dir = undefined;
	}
});

const cdLine = (stdout: string) => stdout.split('\n').find(line => line.trimStart().startsWith('cd '))?.trim();

describe('sage-console init: the folder its next step cds into', () => {
	it('is the absolute path typed, run from another folder (not ../../tmp/…)', () => {
		const root = path.join(freshFolder(), 'proj');
		const init = runCli(['init', root], {cwd: projectRoot});
		expect(init.code).toBe(0);
		expect(cdLine(init.stdout)).toBe(`cd ${root}`);
	});

	it('is the relative path typed, as typed', () => {
		const here = freshFolder();
		const init = runCli(['init', './desk/proj'], {cwd: here});
		expect(init.code).toBe(0);
		expect(cdLine(init.stdout)).toBe('cd ./desk/proj');
	});

	it('is absolute for --root outside the current folder, relative below it', () => {
		const root = path.join(freshFolder(), 'proj');
		const outside = runCli(['init', '--root', root], {cwd: projectRoot});
		expect(outside.code).toBe(0);
		expect(cdLine(outside.stdout)).toBe(`cd ${root}`);
		const below = runCli(['init', '--root', 'sub'], {cwd: dir});
		expect(below.code).toBe(0);
		expect(cdLine(below.stdout)).toBe('cd sub');
	});
});
