/**
 * A TypeScript job that loads a package with require() (a CommonJS habit TypeScript allows): the
 * package is looked up from the job's file, as its imports are, wherever the scheduler was started.
 * It was looked up from the job worker's current folder ("Require stack: - /[worker eval]"), so a
 * scheduler started with --root from another folder (systemd, a console opened from home) failed
 * "Cannot find module" for a package installed in the project.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const files = {
	'config/jobs.yaml': 'jobs:\n  - {id: pad, trigger: manual, module: jobs/pad.ts}\n  - {id: own_require, trigger: manual, module: jobs/own-require.ts}\n',
	'node_modules/sage-test-cjs-pad/package.json': '{"name": "sage-test-cjs-pad", "main": "index.js"}\n',
	'node_modules/sage-test-cjs-pad/index.js': 'module.exports = text => String(text).padStart(3, \'0\');\n',
	'jobs/pad.ts': 'const pad = require(\'sage-test-cjs-pad\');\n\nexport default function run() {\n\treturn pad(7);\n}\n',
	// The ES module idiom: a job's own require stays its own.
	'jobs/own-require.ts': 'import {createRequire} from \'node:module\';\n\nconst require = createRequire(import.meta.url);\n\nexport default function run() {\n\treturn require(\'sage-test-cjs-pad\')(42);\n}\n',
};

describe('a TypeScript job using require()', () => {
	const root = makeTempRoot(files);
	const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'sage-elsewhere-'));
	afterAll(() => {
		root.remove();
		rmSync(elsewhere, {recursive: true, force: true});
	});

	it('finds a package installed in the project, run with --root from another folder', () => {
		for (const [jobId, result] of [['pad', '"007"'], ['own_require', '"042"']]) {
			const run = runCli(['run', jobId!, '--root', root.dir], {cwd: elsewhere});
			expect(run.stdout).toContain(`result: ${result}\n`);
			expect(run.code).toBe(0);
		}
	});
});
