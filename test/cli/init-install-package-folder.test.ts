import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {projectRoot} from '../helpers/shipped-root.js';

let dir: string | undefined;

afterEach(() => {
	if (dir) {
		rmSync(dir, {recursive: true, force: true});
		dir = undefined;
	}
});

/**
 * An installed sage-console as `npm install -g` leaves it: the package's files (no tsconfig, no src/),
 * dist/ built, its dependencies beside it (linked here, so npm needs no registry).
 */
function installedPackage(root: string): string {
	const folder = path.join(root, 'global/lib/node_modules/sage-console');
	for (const entry of ['package.json', 'bin', 'templates']) {
		cpSync(path.join(projectRoot, entry), path.join(folder, entry), {recursive: true});
	}

	symlinkSync(path.join(projectRoot, 'dist'), path.join(folder, 'dist'), 'dir');
	symlinkSync(path.join(projectRoot, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
	return folder;
}

describe('init\'s "to type-check your jobs" step with the installed package\'s folder', () => {
	it('npm install --save-dev <that folder> links the package: its prepare has nothing to build there and does not fail', () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'sage-init-install-'));
		const folder = installedPackage(dir);
		const box = path.join(dir, 'box');
		const init = runCli(['init', box]);
		expect(init.code).toBe(0);
		// Init names the package's own folder; here the test's copy stands for it.
		expect(init.stdout).toContain('npm install --save-dev typescript ');

		// npm runs a linked folder's `prepare`: `npm run build` there failed (TS5058, no tsconfig.build.json).
		const install = spawnSync('npm', ['install', '--save-dev', '--offline', '--no-audit', '--no-fund', folder], {cwd: box, encoding: 'utf8', timeout: 60_000});
		expect(`${install.stdout}${install.stderr}`).not.toContain('TS5058');
		expect(install.status).toBe(0);
		expect(existsSync(path.join(box, 'node_modules/sage-console/dist/job-api.d.ts'))).toBe(true);
	}, 90_000);
});
