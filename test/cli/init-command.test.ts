import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {projectRoot} from '../helpers/shipped-root.js';

const starterFiles = ['.gitignore', 'config/jobs.yaml', 'jobs/hello.ts', 'package.json', 'tsconfig.json'];

/** Outside the clone, as an operator's own project is: nothing there resolves from the clone's node_modules. */
let dir: string | undefined;
function freshFolder(): string {
	dir = mkdtempSync(path.join(os.tmpdir(), 'sage-init-'));
	return dir;
}

afterEach(() => {
	if (dir) {
		rmSync(dir, {recursive: true, force: true});
		dir = undefined;
	}
});

/** The clone's tsc on the project's own tsconfig.json. */
function typeCheck(root: string): {code: number | null; output: string} {
	const result = spawnSync(path.join(projectRoot, 'node_modules/.bin/tsc'), ['-p', root], {encoding: 'utf8', timeout: 60_000});
	return {code: result.status, output: `${result.stdout}${result.stderr}`};
}

describe('sage-console init', () => {
	it('writes a starter root that validates, whose hello job runs, and says what to type next', () => {
		const root = path.join(freshFolder(), 'my box');
		const init = runCli(['init', root]);
		expect(init.stderr).toBe('');
		expect(init.code).toBe(0);
		for (const file of starterFiles) {
			expect(existsSync(path.join(root, file)), file).toBe(true);
			expect(init.stdout).toContain(file);
		}

		expect(readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['data/', 'logs/']));
		const jobsYaml = readFileSync(path.join(root, 'config/jobs.yaml'), 'utf8');
		expect(jobsYaml).toMatch(/^\s+cron: "[^"]+"/m);
		expect(jobsYaml).toMatch(/^\s+params:/m);
		expect(jobsYaml).toMatch(/#/);
		expect(readFileSync(path.join(root, 'jobs/hello.ts'), 'utf8')).toContain('import type {JobContext} from \'sage-console/job-api\';');
		expect(init.stdout).toContain('sage-console validate');
		expect(init.stdout).toContain('sage-console run hello');

		const validate = runCli(['validate', '--root', root]);
		expect(validate.stderr).toBe('');
		expect(validate.stdout).toContain('(1 job, 1 enabled)');
		expect(validate.code).toBe(0);

		const run = runCli(['run', 'hello', '--root', root]);
		expect(run.stderr).toBe('');
		expect(run.stdout).toContain('Good morning, Ada');
		expect(run.stdout).toContain('result: {"greeted":2}');
		expect(run.code).toBe(0);
	});

	it('with no folder, writes into the current directory', () => {
		const root = freshFolder();
		const init = runCli(['init'], {cwd: root});
		expect(init.code).toBe(0);
		expect(existsSync(path.join(root, 'config/jobs.yaml'))).toBe(true);
		expect(init.stdout).not.toContain('cd ');
	});

	it('refuses to overwrite: names the files already there, writes nothing, exits 1', () => {
		const root = freshFolder();
		mkdirSync(path.join(root, 'config'));
		writeFileSync(path.join(root, 'config/jobs.yaml'), 'jobs: []  # mine\n');
		writeFileSync(path.join(root, '.gitignore'), 'secrets/\n');
		const init = runCli(['init', root]);
		expect(init.code).toBe(1);
		expect(init.stdout).toBe('');
		expect(init.stderr).toContain('.gitignore, config/jobs.yaml');
		expect(init.stderr).toContain('nothing was written');
		expect(readFileSync(path.join(root, 'config/jobs.yaml'), 'utf8')).toBe('jobs: []  # mine\n');
		expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('secrets/\n');
		for (const file of ['jobs/hello.ts', 'package.json', 'tsconfig.json']) {
			expect(existsSync(path.join(root, file)), file).toBe(false);
		}
	});

	it('refuses a second folder argument as a usage error', () => {
		const root = freshFolder();
		const init = runCli(['init', path.join(root, 'a'), path.join(root, 'b')]);
		expect(init.code).toBe(2);
		expect(existsSync(path.join(root, 'a'))).toBe(false);
	});

	it('its job type-checks against the package\'s declarations (sage-console/job-api), which catch a wrong use', () => {
		const root = freshFolder();
		expect(runCli(['init', root]).code).toBe(0);
		// What `npm install --save-dev <the package's folder>` makes: node_modules/sage-console linked to it.
		mkdirSync(path.join(root, 'node_modules'));
		symlinkSync(projectRoot, path.join(root, 'node_modules/sage-console'), 'dir');
		const clean = typeCheck(root);
		expect(clean.output).toBe('');
		expect(clean.code).toBe(0);

		const job = path.join(root, 'jobs/hello.ts');
		writeFileSync(job, readFileSync(job, 'utf8').replace('return {greeted: names.length};', 'ctx.log.shout(ctx.params.missing);\n\treturn {greeted: names.length};'));
		const wrong = typeCheck(root);
		expect(wrong.output).toContain('Property \'shout\' does not exist on type \'Logger\'');
		expect(wrong.output).toContain('Property \'missing\' does not exist on type \'Params\'');
		expect(wrong.code).not.toBe(0);
	});
});
