/**
 * `sage-console init`'s "to type-check your jobs" step, done as printed, in a project of one's own:
 * a job that uses Node (setTimeout, process.env, node:fs, fetch with ctx.signal) type-checks, and
 * ctx's types are real. The installed package has no @types/node (a devDependency of sage-console):
 * with only the packages the step named, every Node name was an error ("Cannot find name
 * 'setTimeout'") and ctx.signal, whose AbortSignal went unresolved, took anything silently.
 */
import {spawnSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
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

/** `name` and the packages it depends on, as the clone has them (hoisted). */
function dependencyClosure(name: string, seen = new Set<string>()): Set<string> {
	if (!seen.has(name)) {
		seen.add(name);
		const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as {dependencies?: Record<string, string>};
		for (const dependency of Object.keys(manifest.dependencies ?? {})) {
			dependencyClosure(dependency, seen);
		}
	}

	return seen;
}

/**
 * The installed package as a job's types see it: its declarations and pino (which they import) with
 * pino's dependencies, copied, not linked: TypeScript follows a link to the clone, whose node_modules
 * has @types/node, which an installed package does not.
 */
function installedPackage(root: string): string {
	const folder = path.join(root, 'global/lib/node_modules/sage-console');
	cpSync(path.join(projectRoot, 'package.json'), path.join(folder, 'package.json'));
	cpSync(path.join(projectRoot, 'dist/job-api.d.ts'), path.join(folder, 'dist/job-api.d.ts'));
	for (const name of dependencyClosure('pino')) {
		cpSync(path.join(projectRoot, 'node_modules', name), path.join(folder, 'node_modules', name), {recursive: true});
	}

	return folder;
}

const nodeJob = `import {readFile} from 'node:fs/promises';
import type {JobContext} from 'sage-console/job-api';

export default async function run(ctx: JobContext<{file: string}>) {
	await new Promise(resolve => setTimeout(resolve, 10));
	const text = await readFile(ctx.params.file, 'utf8');
	const answer = await fetch('http://127.0.0.1:9/', {signal: ctx.signal});
	ctx.log.info({home: process.env.HOME, bytes: Buffer.byteLength(text), ok: answer.ok}, 'read');
	return {lines: text.split('\\n').length};
}
`;

describe('init: type-checking a job that uses Node, with the packages its step names', () => {
	it('passes, and still catches a wrong use of ctx.signal', () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'sage-init-node-types-'));
		const folder = installedPackage(dir);
		const box = path.join(dir, 'box');
		const init = runCli(['init', box]);
		expect(init.code).toBe(0);
		const step = init.stdout.split('\n').map(line => line.trim()).find(line => line.startsWith('npm install --save-dev '));
		const named = step!.split(' ').slice(3, -1);
		expect(named).toContain('typescript');

		// What npm install leaves: the package's folder linked (here the copy stands for it), the others from the registry.
		mkdirSync(path.join(box, 'node_modules/@types'), {recursive: true});
		symlinkSync(folder, path.join(box, 'node_modules/sage-console'), 'dir');
		for (const name of named) {
			symlinkSync(path.join(projectRoot, 'node_modules', name), path.join(box, 'node_modules', name), 'dir');
		}

		const tsc = () => spawnSync(path.join(projectRoot, 'node_modules/.bin/tsc'), ['-p', box], {encoding: 'utf8', timeout: 60_000});
		writeFileSync(path.join(box, 'jobs/read-file.ts'), nodeJob);
		const clean = tsc();
		expect(`${clean.stdout}${clean.stderr}`).toBe('');
		expect(clean.status).toBe(0);

		writeFileSync(path.join(box, 'jobs/read-file.ts'), nodeJob.replace('return {', 'const wrong: number = ctx.signal;\n\treturn {wrong, '));
		const wrong = tsc();
		expect(wrong.stdout).toContain('Type \'AbortSignal\' is not assignable to type \'number\'');
		expect(wrong.status).not.toBe(0);
	}, 90_000);
});
