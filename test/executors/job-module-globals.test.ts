/**
 * What an ES module job sees of CommonJS's `require`, `module` and `exports`: in Node, none of them.
 * The eval that boots a job worker left its own three on the global object, where an `.mjs` job (and
 * a `.js` one in a `"type": "module"` project) found a `require` resolving from the scheduler's current
 * folder, and every ES module or TypeScript job a `module` and `exports` that were the worker's. A
 * TypeScript job's `require` is one resolving from its own file (job-require.test.ts); a CommonJS job
 * keeps its own three.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {runCli, runResultIn} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const typesOf = 'export default function run() {\n\treturn {require: typeof require, module: typeof module, exports: typeof exports};\n}\n';

const files = {
	'config/jobs.yaml': `jobs:
  - {id: esm_mjs, trigger: manual, module: jobs/globals.mjs}
  - {id: esm_js, trigger: manual, module: jobs/globals.js}
  - {id: typescript, trigger: manual, module: jobs/globals.ts}
  - {id: commonjs, trigger: manual, module: jobs/globals.cjs}
  - {id: esm_require, trigger: manual, module: jobs/esm-require.mjs}
`,
	'jobs/globals.mjs': typesOf,
	'jobs/globals.js': typesOf,
	'jobs/globals.ts': `export default function run() {
	return {require: typeof require, module: typeof module, exports: typeof exports, symbols: require.resolve('./symbols.json')};
}
`,
	'jobs/symbols.json': '["600519.SH"]\n',
	'jobs/globals.cjs': 'module.exports = function run() {\n\treturn {require: typeof require, module: module.filename, exports: typeof exports};\n};\n',
	'jobs/esm-require.mjs': 'export default function run() {\n\treturn require(\'node:path\').sep;\n}\n',
};

describe('CommonJS\'s require, module and exports in a module job', () => {
	const root = makeTempRoot(files);
	afterAll(() => root.remove());
	const result = (jobId: string) => runResultIn(root.dir, jobId);

	it('an ES module job has none, as in Node', () => {
		const none = {require: 'undefined', module: 'undefined', exports: 'undefined'};
		expect(result('esm_mjs')).toEqual(none);
		expect(result('esm_js')).toEqual(none);
	});

	it('a TypeScript job has only its own require, resolving from its file', () => {
		expect(result('typescript')).toEqual({require: 'function', module: 'undefined', exports: 'undefined', symbols: `${root.dir}/jobs/symbols.json`});
	});

	it('a CommonJS job keeps its own', () => {
		expect(result('commonjs')).toEqual({require: 'function', module: `${root.dir}/jobs/globals.cjs`, exports: 'object'});
	});

	it('an ES module job calling require() fails as in Node, instead of loading from the worker\'s folder', () => {
		const run = runCli(['run', 'esm_require'], {cwd: root.dir});
		expect(run.stdout).toContain('ReferenceError: require is not defined');
		expect(run.stdout).toContain(`at run (file://${root.dir}/jobs/esm-require.mjs:2:2)`);
		expect(run.code).toBe(1);
		const [row] = JSON.parse(runCli(['history', '--json', '--job', 'esm_require'], {cwd: root.dir}).stdout) as Array<{error_type: string; error_message: string}>;
		expect(row).toMatchObject({error_type: 'ReferenceError', error_message: 'require is not defined'});
	});
});
