/**
 * A JavaScript job (or a helper it imports) that does not parse: Node's own SyntaxError for an ES
 * module names no file and no line (`Unexpected token ','` over its loader's frames), so the run's
 * failure says where, as a TypeScript job's does: `jobs/foo.mjs:2:16: …`. So does an import of a
 * local file that is not there (Node: `Cannot find module …` over eight of its own frames).
 */
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const jobsYaml = `jobs:
${['broken_mjs', 'broken_js', 'broken_helper', 'broken_cjs', 'bad_json', 'lost_helper'].map(id => `  - id: ${id}
    trigger: manual
    module: jobs/${id.replace('_', '-')}.${id === 'broken_cjs' ? 'cjs' : (id === 'broken_js' ? 'js' : 'mjs')}
`).join('')}`;

const files = {
	'config/jobs.yaml': jobsYaml,
	'jobs/broken-mjs.mjs': 'export default function run() {\n\treturn {a: 1,, b: 2};\n}\n',
	'jobs/broken-js.js': 'export default function run() {\n\treturn {a: 1,, b: 2};\n}\n',
	'jobs/broken-helper.mjs': 'import {bars} from \'./lib/bars.mjs\';\nexport default function run() {\n\treturn bars;\n}\n',
	'jobs/lib/bars.mjs': '// the bars\nexport const bars = [1, 2;\n',
	'jobs/broken-cjs.cjs': 'module.exports = function run() {\n\treturn {a: 1,, b: 2};\n};\n',
	'jobs/lost-helper.mjs': '// the helper was renamed\nimport {bars} from \'./lib/old-bars.mjs\';\nexport default function run() {\n\treturn bars;\n}\n',
	// A SyntaxError the job's running code throws is its own: it stays as Node gave it.
	'jobs/bad-json.mjs': 'export default function run() {\n\treturn JSON.parse(\'{bad\');\n}\n',
};

describe('a JavaScript job that does not parse', () => {
	const root = makeTempRoot(files);
	afterAll(() => root.remove());
	const run = (jobId: string) => runCli(['run', jobId], {cwd: root.dir});
	const shown = (jobId: string) => (JSON.parse(runCli(['history', '--json', '--job', jobId], {cwd: root.dir}).stdout) as Array<{id: number; error_type: string; error_message: string}>)[0]!;

	it('an ES module job (.mjs, .js) fails naming its file, line and column, in run, history and show', () => {
		for (const [jobId, file] of [['broken_mjs', 'jobs/broken-mjs.mjs'], ['broken_js', 'jobs/broken-js.js']]) {
			const result = run(jobId!);
			expect(result.stdout).toContain(`SyntaxError: ${file}:2:15: Expected identifier but found ","\n`);
			expect(result.code).toBe(1);
			const failure = shown(jobId!);
			expect(failure).toMatchObject({error_type: 'SyntaxError', error_message: `${file}:2:15: Expected identifier but found ","`});
			const show = runCli(['show', String(failure.id)], {cwd: root.dir}).stdout;
			expect(show).toContain(`SyntaxError: ${file}:2:15: Expected identifier but found ","`);
			expect(show).toContain('Node said: Unexpected token \',\'');
		}
	});

	it('a syntax error in a helper the job imports names the helper', () => {
		expect(run('broken_helper').stdout).toContain('SyntaxError: jobs/lib/bars.mjs:2:26: Expected "]" but found ";"\n');
		expect(shown('broken_helper').error_message).toBe('jobs/lib/bars.mjs:2:26: Expected "]" but found ";"');
	});

	it('leaves a CommonJS job\'s SyntaxError, which names its file, and one the job\'s code throws, as Node gave them', () => {
		const cjs = run('broken_cjs');
		expect(cjs.stdout).toContain('SyntaxError: Unexpected token \',\'\n');
		expect(cjs.stdout).toContain('jobs/broken-cjs.cjs:2\n');
		const json = run('bad_json');
		expect(shown('bad_json').error_message).toMatch(/in JSON at position 1/);
		expect(json.stdout).toContain('jobs/bad-json.mjs:2:14');
	});

	it('an import of a local file that is not there fails ModuleNotFound at the importing line, as a TypeScript job\'s', () => {
		const result = run('lost_helper');
		expect(result.stdout).toContain('ModuleNotFound: jobs/lost-helper.mjs:2:20: Could not resolve "./lib/old-bars.mjs"\n');
		expect(result.stdout).toContain('(Node said: Cannot find module');
		expect(result.stdout).not.toContain('node:internal');
		expect(shown('lost_helper')).toMatchObject({error_type: 'ModuleNotFound', error_message: 'jobs/lost-helper.mjs:2:20: Could not resolve "./lib/old-bars.mjs"'});
	});
});
