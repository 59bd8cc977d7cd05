/**
 * A job that imports a package nobody installed: the run fails saying which job, which package,
 * which line imports it and what to install — not Node's "Cannot find package … imported from
 * data/cache/jobs/<bundle>.mjs", which names a file the operator never wrote.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const jobsYaml = `jobs:
${['report_ts', 'report_js', 'via_helper', 'scoped', 'optional_extra', 'installed'].map(id => `  - id: ${id}
    trigger: manual
    module: jobs/${id.replace('_', '-')}.${id === 'report_js' ? 'js' : 'ts'}
`).join('')}`;

const padJob = `// the daily report, padded
import {readFileSync} from 'node:fs';
import leftPad from 'left-pad';

export default async function run() {
	return leftPad('x', 3) + typeof readFileSync;
}
`;

const files = {
	'config/jobs.yaml': jobsYaml,
	'jobs/report-ts.ts': padJob,
	'jobs/report-js.js': padJob,
	'jobs/via-helper.ts': `import {chunks} from './lib/chunks.ts';\nexport default async function run() {\n\treturn chunks([1, 2, 3]);\n}\n`,
	'jobs/lib/chunks.ts': `\nimport chunk from 'lodash.chunk';\nexport const chunks = (items: number[]) => chunk(items, 2);\n`,
	'jobs/scoped.ts': `import {parse} from '@sage-test/quotes/parse';\nexport default async function run() {\n\treturn parse();\n}\n`,
	// An optional package, tried with import(): its absence is the job's to handle.
	'jobs/optional-extra.ts': `export default async function run() {\n\ttry {\n\t\tawait import('sage-test-optional-extra');\n\t\treturn 'with extra';\n\t} catch {\n\t\treturn 'without extra';\n\t}\n}\n`,
	'jobs/installed.ts': `import pad from 'sage-test-pad';\nexport default async function run() {\n\treturn pad('7');\n}\n`,
	'node_modules/sage-test-pad/package.json': '{"name": "sage-test-pad", "type": "module", "exports": "./index.js"}\n',
	'node_modules/sage-test-pad/index.js': 'export default text => text.padStart(3, \'0\');\n',
};

describe('a job module importing a package that is not installed', () => {
	const root = makeTempRoot(files);
	afterAll(() => root.remove());
	const run = (jobId: string) => runCli(['run', jobId], {cwd: root.dir});

	it('names the job, the package, the importing line and the install command (TypeScript job)', () => {
		const result = run('report_ts');
		expect(result.stdout).toContain('ModuleNotFound: jobs/report-ts.ts: cannot find package \'left-pad\' (imported at jobs/report-ts.ts:3:21); install it in the project: npm install left-pad\n');
		expect(result.stdout).not.toContain('data/cache');
		expect(result.stdout).not.toContain('job-bundles');
		expect(result.code).toBe(1);
		const [shown] = JSON.parse(runCli(['history', '--json', '--job', 'report_ts'], {cwd: root.dir}).stdout) as Array<{error_type: string; error_message: string}>;
		expect(shown).toMatchObject({error_type: 'ModuleNotFound', error_message: expect.stringContaining('cannot find package \'left-pad\'') as string});
	});

	it('says the same for a JavaScript job', () => {
		const result = run('report_js');
		expect(result.stdout).toContain('ModuleNotFound: jobs/report-js.js: cannot find package \'left-pad\' (imported at jobs/report-js.js:3:21); install it in the project: npm install left-pad\n');
		expect(result.code).toBe(1);
	});

	it('points at the helper file that imports it, and names the package of a scoped subpath import', () => {
		expect(run('via_helper').stdout).toContain('ModuleNotFound: jobs/via-helper.ts: cannot find package \'lodash.chunk\' (imported at jobs/lib/chunks.ts:2:19); install it in the project: npm install lodash.chunk\n');
		expect(run('scoped').stdout).toContain('cannot find package \'@sage-test/quotes\' (imported at jobs/scoped.ts:1:21); install it in the project: npm install @sage-test/quotes\n');
	});

	it('leaves an optional package tried with import() to the job, and runs a job whose package is installed', () => {
		const optional = run('optional_extra');
		expect(optional.stdout).toContain('result: "without extra"');
		expect(optional.code).toBe(0);
		const installed = run('installed');
		expect(installed.stdout).toContain('result: "007"');
		expect(installed.code).toBe(0);
	});
});
